from . import test_approvals_web_client
