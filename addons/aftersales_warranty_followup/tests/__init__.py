from . import test_recall_calls
