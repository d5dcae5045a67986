from . import test_insurance
from . import test_ui
from . import test_security
from . import test_insurer_shortfall
