from . import res_company
from . import aftersales_kpi_visit
from . import aftersales_kpi_target
from . import aftersales_kpi_reminder_mixin
from . import aftersales_kpi_reminder
from . import aftersales_kpi_service_return
