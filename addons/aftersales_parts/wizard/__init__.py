from . import aftersales_receipt_check
from . import aftersales_receipt_check_line
from . import stock_return_picking
from . import aftersales_parts_issue_sign
