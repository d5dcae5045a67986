{
    "name": "After-sales Accounts",
    "summary": "Car dealer after-sales: statements of account (对账单) for insurers and manufacturers, receivables "
    "aging by payer type, one payment against many invoices, the monthly internal and goodwill cost report",
    "version": "19.0.1.0.0",
    "category": "Services/After-sales",
    "website": "https://github.com/aftersales-dms/aftersales-dms",
    "author": "After-sales DMS contributors",
    "license": "LGPL-3",
    # OCA, from PyPI (requirements.txt): partner_statement, the accountants' generic customer statements and
    # aging; account_reconcile_oca, the bank reconciliation widget Odoo Community lacks (an insurer's transfer
    # against its invoices); report_xlsx, the spreadsheet export of the statement.
    "depends": ["aftersales_reception", "partner_statement", "account_reconcile_oca", "report_xlsx"],
    "data": [
        "security/aftersales_account_security.xml",
        "security/ir.model.access.csv",
        "report/aftersales_account_reports.xml",
        "report/aftersales_statement_templates.xml",
        "wizard/aftersales_statement_wizard_views.xml",
        "views/account_move_views.xml",
        "views/aftersales_receivable_aging_views.xml",
        "views/aftersales_cost_report_views.xml",
        "views/repair_order_views.xml",
        "views/aftersales_account_menus.xml",
    ],
    "demo": ["demo/aftersales_account_demo.xml"],
}
