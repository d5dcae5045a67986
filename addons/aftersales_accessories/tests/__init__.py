from . import test_module
from . import test_accessories_sales
from . import test_accessories_store
from . import test_accessories_reports
