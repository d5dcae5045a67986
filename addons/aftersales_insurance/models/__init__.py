from . import aftersales_insurance_document_type
from . import aftersales_insurance_document
from . import aftersales_insurance_assessment_line
from . import aftersales_insurance_assessment
from . import aftersales_insurance_case
from . import repair_order
from . import fleet_vehicle
from . import account_move
