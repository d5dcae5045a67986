{
    "name": "After-sales SMS (China gateways)",
    "summary": "Send after-sales SMS through Aliyun SMS or Tencent Cloud SMS with approved templates",
    "version": "19.0.1.1.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["sms", "aftersales_reception"],
    "data": [
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
        "views/sms_template_views.xml",
        "views/mail_notification_views.xml",
    ],
    "demo": ["demo/aftersales_sms_cn_demo.xml"],
}
