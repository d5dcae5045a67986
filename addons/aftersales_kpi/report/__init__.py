from . import aftersales_kpi_daily_report
from . import aftersales_kpi_statistics_report
