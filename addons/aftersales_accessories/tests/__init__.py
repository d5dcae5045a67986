from . import test_module
from . import test_accessories_sales
from . import test_accessories_store
from . import test_accessories_reports
from . import test_accessories_period_reports
from . import test_accessories_loan
from . import test_accessories_group_order
