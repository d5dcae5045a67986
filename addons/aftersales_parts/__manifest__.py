{
    "name": "After-sales Parts",
    "summary": "Car dealer after-sales: parts on work orders, issues against the order, "
    "shortages, special orders and stocktakes",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_reception", "purchase_stock"],
    "data": [
        "security/ir.model.access.csv",
        "views/product_template_views.xml",
        "views/aftersales_parts_menus.xml",
    ],
}
