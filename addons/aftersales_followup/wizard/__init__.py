from . import aftersales_lost_reason_wizard
