{
    "name": "After-sales Follow-up",
    "summary": "Car dealer after-sales: follow-up calls, satisfaction, complaints, "
    "reminders and campaigns",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_reception"],
    "data": [
        "security/ir.model.access.csv",
    ],
}
