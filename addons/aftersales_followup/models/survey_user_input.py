from odoo import models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        """The follow-up call whose questionnaire is complete takes its score."""
        result = super()._mark_done()
        self.env["aftersales.followup.call"].search([
            ("survey_user_input_id", "in", self.ids),
            "|", ("state", "=", "to_call"), "&", ("outcome", "=", "unreachable"), ("invitation_sent_date", "!=", False),
        ])._land_questionnaire_score()
        return result
