from . import aftersales_satisfaction_report
