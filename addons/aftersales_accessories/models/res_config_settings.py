from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_accessories_report_email = fields.Char(
        related="company_id.aftersales_accessories_report_email", readonly=False
    )
    aftersales_accessories_vendor_id = fields.Many2one(
        related="company_id.aftersales_accessories_vendor_id", readonly=False
    )
