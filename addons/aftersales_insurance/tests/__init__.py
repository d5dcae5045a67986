from . import test_insurance
from . import test_ui
from . import test_security
