from . import test_statement
from . import test_group_payment
from . import test_cost_report
