from . import aftersales_claim_decision_wizard
