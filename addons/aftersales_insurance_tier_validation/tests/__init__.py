from . import test_shortfall_approval
