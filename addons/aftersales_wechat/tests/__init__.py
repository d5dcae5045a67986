from . import test_wechat
from . import test_wechat_http
