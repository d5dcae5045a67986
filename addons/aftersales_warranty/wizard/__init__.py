from . import aftersales_claim_decision_wizard
from . import aftersales_job_diagnosis_wizard
from . import aftersales_preauth_decision_wizard
