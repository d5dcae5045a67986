{
    "name": "After-sales Follow-up",
    "summary": "Car dealer after-sales: follow-up calls, satisfaction, complaints, "
    "reminders and campaigns",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_reception", "survey"],
    "data": [
        "security/aftersales_followup_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_followup_data.xml",
        "data/survey_data.xml",
        "data/mail_template_data.xml",
        "views/aftersales_followup_call_views.xml",
        "views/aftersales_complaint_views.xml",
        "views/repair_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_followup_menus.xml",
        "views/fleet_vehicle_views.xml",
    ],
}
