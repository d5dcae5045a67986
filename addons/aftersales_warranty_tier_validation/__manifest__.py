{
    "name": "After-sales Warranty Approval Rules",
    "summary": "Car dealer after-sales: the write-off of what the manufacturer does not pay on a warranty claim "
    "(索赔核销) waits for the approval the service manager's rules require",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_warranty", "aftersales_tier_validation"],
    "data": [
        "security/aftersales_warranty_tier_validation_security.xml",
        "data/tier_definition_data.xml",
        "views/aftersales_warranty_claim_views.xml",
    ],
    "auto_install": True,
}
