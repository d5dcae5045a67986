from . import aftersales_statement_xlsx
from . import aftersales_cost_report_pdf
