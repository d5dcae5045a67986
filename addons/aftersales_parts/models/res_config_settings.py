from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_parts_issue_required = fields.Boolean(
        related="company_id.aftersales_parts_issue_required", readonly=False
    )
    aftersales_retained_location_id = fields.Many2one(
        related="company_id.aftersales_retained_location_id", readonly=False
    )
