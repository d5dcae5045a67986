from . import test_insurance
