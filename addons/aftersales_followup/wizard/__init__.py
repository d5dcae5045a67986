from . import aftersales_lost_reason_wizard
from . import aftersales_referral_reward_wizard
from . import aftersales_advisor_assign_wizard
from . import aftersales_insurance_renewal_wizard
