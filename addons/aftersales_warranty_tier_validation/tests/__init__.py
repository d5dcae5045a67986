from . import test_write_off_approval
