from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # The handbooks: call 2–5 days after delivery, preferably 10:00–12:00 or 15:00–18:00.
    aftersales_followup_delay_days = fields.Integer(string="Follow-up Call after (days)", default=3)
    aftersales_followup_window_from = fields.Float(string="Default Call Window From", default=10.0)
    aftersales_followup_window_to = fields.Float(string="Default Call Window To", default=12.0)
    aftersales_followup_max_attempts = fields.Integer(string="Call Attempts", default=3)
    aftersales_followup_second_call_days = fields.Integer(
        string="Second Follow-up after (days)", default=7, help="0: no second follow-up call."
    )
    aftersales_complaint_deadline_days = fields.Integer(string="Complaint Deadline (days)", default=2)
    aftersales_first_service_months = fields.Integer(string="First Service after (months)", default=3)
    aftersales_first_service_km = fields.Integer(string="First Service at (km)", default=5000)
    aftersales_lost_after_months = fields.Integer(string="Lost after (months without a visit)", default=12)
    aftersales_relationship_contact_days = fields.Integer(
        string="Contact Customers every (days)", default=60,
        help="Customers with a responsible advisor are contacted when they have not been for this long; 0: never.",
    )
    aftersales_followup_survey_id = fields.Many2one(
        "survey.survey", string="Follow-up Questionnaire",
        help="The questions asked on a follow-up call; the handbook's questionnaire when empty.",
    )

    def _aftersales_followup_survey(self):
        self.ensure_one()
        return self.aftersales_followup_survey_id or self.env.ref(
            "aftersales_followup.survey_followup_call", raise_if_not_found=False
        )

    @api.constrains("aftersales_followup_delay_days", "aftersales_followup_max_attempts",
                    "aftersales_followup_window_from", "aftersales_followup_window_to",
                    "aftersales_followup_second_call_days", "aftersales_complaint_deadline_days",
                    "aftersales_lost_after_months", "aftersales_relationship_contact_days")
    def _check_aftersales_followup_settings(self):
        for company in self:
            if not 1 <= company.aftersales_followup_delay_days <= 30:
                raise ValidationError(self.env._("Call the customer between 1 and 30 days after delivery."))
            if company.aftersales_followup_max_attempts < 1:
                raise ValidationError(self.env._("A follow-up call needs at least one attempt."))
            if not 0 <= company.aftersales_followup_window_from < company.aftersales_followup_window_to <= 24:
                raise ValidationError(self.env._("The default call window must start before it ends."))
            if company.aftersales_lost_after_months < 1:
                raise ValidationError(self.env._("A customer is lost after at least one month without a visit."))
            if company.aftersales_relationship_contact_days < 0:
                raise ValidationError(self.env._("The interval between two contacts cannot be negative."))
            if company.aftersales_followup_second_call_days < 0 or company.aftersales_complaint_deadline_days < 1:
                raise ValidationError(self.env._("Follow-up delays cannot be negative."))
