from . import account_move
from . import account_move_line
from . import repair_order
from . import aftersales_receivable_aging
from . import aftersales_cost_report
