from . import test_module
from . import test_followup
from . import test_concurrency
