from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_insurance_writeoff_account_id = fields.Many2one(
        "account.account", string="Insurer Shortfall Account",
        help="Expense account of what an insurer does not pay of its invoice (保险少赔核销).",
    )
