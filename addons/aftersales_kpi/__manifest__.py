{
    "name": "After-sales KPIs and Reports",
    "summary": "Car dealer after-sales: the handbooks' KPIs with targets, the manager's and the advisor's "
    "dashboards, the daily report (日报) and the weekly and monthly business statistics mailed as PDF",
    "version": "19.0.1.3.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    # workshop: clocked hours, teams, quality check and comebacks; parts: the stock value of the parts fitted;
    # followup: the follow-up calls' scores and the complaints.
    "depends": ["aftersales_workshop", "aftersales_parts", "aftersales_followup", "spreadsheet_dashboard"],
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_kpi_security.xml",
        "data/aftersales_kpi_data.xml",
        "data/aftersales_kpi_dashboards.xml",
        "report/aftersales_kpi_reports.xml",
        "report/aftersales_kpi_templates.xml",
        "views/aftersales_kpi_visit_views.xml",
        "views/aftersales_kpi_target_views.xml",
        "views/aftersales_kpi_reminder_views.xml",
        "views/aftersales_kpi_service_return_views.xml",
        "views/res_company_views.xml",
        "views/aftersales_kpi_menus.xml",
    ],
    "demo": ["demo/aftersales_kpi_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "aftersales_kpi/static/tests/tours/*.js",
        ],
    },
}
