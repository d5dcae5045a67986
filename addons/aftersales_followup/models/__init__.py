from . import res_company
from . import res_config_settings
from . import aftersales_followup_call
from . import aftersales_complaint
from . import repair_order
from . import fleet_vehicle
from . import aftersales_satisfaction_summary
