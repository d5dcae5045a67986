{
    "name": "After-sales Insurance Approval Rules",
    "summary": "Car dealer after-sales: the write-off of what an insurer does not pay of its invoice "
    "(保险少赔核销) waits for the approval the service manager's rules require",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_insurance", "aftersales_tier_validation"],
    "data": [
        "security/aftersales_insurance_tier_validation_security.xml",
        "data/tier_definition_data.xml",
        "views/aftersales_insurance_case_views.xml",
    ],
    "auto_install": True,
}
