from . import tier_definition
from . import aftersales_warranty_claim
