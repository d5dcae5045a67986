{
    "name": "After-sales Accessories and Counter Sales",
    "summary": "Car dealer after-sales: parts sold over the counter (柜台销售) and accessories (精品) "
    "installed on the customer's car through an installation order",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    "depends": ["aftersales_parts", "sale_stock"],
    "data": [
        "security/aftersales_accessories_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_accessories_data.xml",
        "views/product_template_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/aftersales_parts_sales_report_views.xml",
        "views/aftersales_accessories_menus.xml",
        "report/aftersales_stocktake_reports.xml",
    ],
    "demo": ["demo/aftersales_accessories_demo.xml"],
}
