from . import aftersales_parts_shortage_report
from . import aftersales_parts_stock_report
from . import aftersales_parts_sales_report
