{
    "name": "After-sales Workshop",
    "summary": "Car dealer after-sales: labour catalogue, dispatch, technician clocking, "
    "quality check and comebacks",
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
