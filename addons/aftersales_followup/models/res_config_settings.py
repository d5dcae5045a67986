from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_followup_delay_days = fields.Integer(
        related="company_id.aftersales_followup_delay_days", readonly=False
    )
    aftersales_followup_window_from = fields.Float(
        related="company_id.aftersales_followup_window_from", readonly=False
    )
    aftersales_followup_window_to = fields.Float(related="company_id.aftersales_followup_window_to", readonly=False)
    aftersales_followup_max_attempts = fields.Integer(
        related="company_id.aftersales_followup_max_attempts", readonly=False
    )
    aftersales_followup_second_call_days = fields.Integer(
        related="company_id.aftersales_followup_second_call_days", readonly=False
    )
    aftersales_complaint_deadline_days = fields.Integer(
        related="company_id.aftersales_complaint_deadline_days", readonly=False
    )
    aftersales_followup_survey_id = fields.Many2one(
        related="company_id.aftersales_followup_survey_id", readonly=False
    )
    aftersales_lost_after_months = fields.Integer(related="company_id.aftersales_lost_after_months", readonly=False)
    aftersales_first_service_months = fields.Integer(
        related="company_id.aftersales_first_service_months", readonly=False
    )
    aftersales_first_service_km = fields.Integer(related="company_id.aftersales_first_service_km", readonly=False)
    aftersales_relationship_contact_days = fields.Integer(
        related="company_id.aftersales_relationship_contact_days", readonly=False
    )
