from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_insurance_writeoff_account_id = fields.Many2one(
        related="company_id.aftersales_insurance_writeoff_account_id", readonly=False,
    )
