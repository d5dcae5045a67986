from . import test_approval_rules
