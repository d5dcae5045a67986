from . import aftersales_approval_wizard_line
from . import aftersales_approval_wizard
from . import aftersales_job_decision_wizard
from . import aftersales_delivery_wizard
from . import account_payment_register
from . import aftersales_payment_wizard
