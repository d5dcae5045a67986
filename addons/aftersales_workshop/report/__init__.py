from . import aftersales_workshop_report
