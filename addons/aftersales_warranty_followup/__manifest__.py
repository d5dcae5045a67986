{
    "name": "After-sales Warranty and Follow-up",
    "summary": "Car dealer after-sales: the follow-up agent marks the recall vehicles a customer's call "
    "reports as done elsewhere or not applicable",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_warranty", "aftersales_followup"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "auto_install": True,
}
