from . import mail_notification
from . import mail_thread
from . import res_company
from . import res_config_settings
from . import sms_sms
from . import sms_template
from . import sms_template_cn_param
from . import sms_tracker
