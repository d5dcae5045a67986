from . import aftersales_statement_wizard
