from . import res_company
from . import res_config_settings
from . import res_partner
from . import aftersales_wechat_template
from . import aftersales_wechat_template_line
from . import aftersales_wechat_message
from . import aftersales_customer_message_mixin
from . import aftersales_reminder
