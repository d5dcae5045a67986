from . import aftersales_parts_sales_report
