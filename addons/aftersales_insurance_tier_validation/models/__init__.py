from . import tier_definition
from . import aftersales_insurance_case
