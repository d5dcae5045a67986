{
    "name": "After-sales Insurance Repairs",
    "summary": "Car dealer after-sales: accident repairs (事故车) with the insurer's assessment, "
    "supplements, the excess, claim documents and the insurer's and customer's shares",
    "version": "19.0.1.3.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_reception"],
    "data": [
        "security/aftersales_insurance_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_insurance_data.xml",
        "data/mail_template_data.xml",
        "report/aftersales_insurance_reports.xml",
        "report/aftersales_insurance_templates.xml",
        "report/repair_order_templates.xml",
        "views/aftersales_insurance_document_type_views.xml",
        "views/aftersales_insurance_assessment_views.xml",
        "views/aftersales_insurance_case_views.xml",
        "views/repair_order_views.xml",
        "views/fleet_vehicle_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/aftersales_insurance_shortfall_wizard_views.xml",
        "views/aftersales_insurance_menus.xml",
    ],
    "demo": ["demo/aftersales_insurance_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_insurance/static/tests/tours/*.js",
        ],
    },
}
