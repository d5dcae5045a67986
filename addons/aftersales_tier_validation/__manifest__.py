{
    "name": "After-sales Approval Rules",
    "summary": "Car dealer after-sales: approval rules (审批) on work orders, accessory sales and the monthly "
    "parts order, by the supervisor, the service manager or the general manager",
    "version": "19.0.1.1.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    # base_tier_validation (OCA, from PyPI: requirements.txt): the tiers, reviews and their approvers.
    "depends": ["aftersales_accessories", "base_tier_validation"],
    "data": [
        "security/aftersales_tier_validation_security.xml",
        "security/ir.model.access.csv",
        "data/mail_activity_type_data.xml",
        "data/tier_definition_data.xml",
        "wizard/comment_wizard_views.xml",
        "views/tier_definition_views.xml",
        "views/tier_review_views.xml",
        "views/repair_order_views.xml",
        "views/aftersales_job_views.xml",
        "views/sale_order_views.xml",
        "views/aftersales_replenishment_views.xml",
        "views/aftersales_tier_validation_menus.xml",
    ],
    "demo": ["demo/aftersales_tier_validation_demo.xml"],
}
