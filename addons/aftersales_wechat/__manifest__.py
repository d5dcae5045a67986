{
    "name": "After-sales WeChat Messages",
    "summary": "Tell customers about their visit through the dealer's WeChat service account, SMS as fallback",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    # aftersales_followup: the reminder engine sends its reminders through the customer's channel too.
    "depends": ["aftersales_reception", "aftersales_followup", "sms"],
    "data": [
        "security/aftersales_wechat_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/aftersales_wechat_template_views.xml",
        "views/aftersales_wechat_message_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_wechat_pages.xml",
        "views/aftersales_wechat_menus.xml",
        "report/aftersales_wechat_report_templates.xml",
    ],
    "demo": ["demo/aftersales_wechat_demo.xml"],
}
