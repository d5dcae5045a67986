{
    "name": "After-sales Workshop",
    "summary": "Car dealer after-sales: labour catalogue, dispatch, technician clocking, "
    "progress, quality check and comebacks",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_reception"],
    "data": [
        "security/aftersales_workshop_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_workshop_data.xml",
        "views/aftersales_labour_operation_views.xml",
        "views/aftersales_service_package_views.xml",
        "views/aftersales_job_views.xml",
        "views/aftersales_workshop_team_views.xml",
        "views/aftersales_quality_check_views.xml",
        "views/repair_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_workshop_menus.xml",
        "report/aftersales_workshop_reports.xml",
    ],
    "demo": ["demo/aftersales_workshop_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_workshop/static/tests/tours/*.js",
        ],
    },
}
