from . import test_kpi
from . import test_reports
from . import test_ui
