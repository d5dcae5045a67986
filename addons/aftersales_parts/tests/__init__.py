from . import test_module
from . import test_parts
from . import test_stocktake
from . import test_parts_store
from . import test_receiving
from . import test_replenishment
from . import test_parts_sales
from . import test_parts_reports
