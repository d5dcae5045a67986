from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_allow_parallel_jobs = fields.Boolean(
        related="company_id.aftersales_allow_parallel_jobs", readonly=False
    )
    aftersales_progress_alert_percent = fields.Float(
        related="company_id.aftersales_progress_alert_percent", readonly=False
    )
    aftersales_comeback_days = fields.Integer(related="company_id.aftersales_comeback_days", readonly=False)
    aftersales_comeback_km = fields.Integer(related="company_id.aftersales_comeback_km", readonly=False)
