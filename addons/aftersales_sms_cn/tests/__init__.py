from . import test_sms_cn
from . import test_sms_cn_report
from . import test_sms_cn_notices
