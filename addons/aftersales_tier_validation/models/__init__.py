from . import aftersales_tier_validation
from . import aftersales_tier_write_off
from . import tier_definition
from . import tier_review
from . import repair_order
from . import sale_order
from . import aftersales_replenishment
from . import aftersales_job
