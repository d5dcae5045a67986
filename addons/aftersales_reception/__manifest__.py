{
    "name": "After-sales Reception",
    "summary": "Car dealer after-sales: customer vehicles (one file per car), "
    "mileage history and the service department's roles",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["fleet", "repair"],
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "views/fleet_vehicle_views.xml",
        "views/fleet_vehicle_odometer_views.xml",
        "views/fleet_vehicle_model_brand_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_menus.xml",
        "report/fleet_vehicle_reports.xml",
        "report/fleet_vehicle_file_templates.xml",
    ],
    "demo": ["demo/aftersales_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_reception/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
