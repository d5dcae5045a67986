from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class AftersalesFollowupSurvey(Survey):
    """The follow-up agent fills the customer's questionnaire during the call.

    The answer belongs to the customer (its partner), so the survey's check that the answer is the
    logged-in user's own refuses the agent; it is lifted only for the answer of a follow-up call the
    agent may work on. Any other answer keeps the survey's rules.
    """

    def _check_validity(self, survey_sudo, answer_sudo, answer_token, ensure_token=True, check_partner=True):
        validity = super()._check_validity(survey_sudo, answer_sudo, answer_token, ensure_token=ensure_token,
                                           check_partner=check_partner)
        if validity == "answer_wrong_user" and answer_token and self._aftersales_call_of(answer_sudo):
            return super()._check_validity(survey_sudo, answer_sudo, answer_token, ensure_token=ensure_token,
                                           check_partner=False)
        return validity

    def _prepare_survey_finished_values(self, survey, answer, token=False):
        values = super()._prepare_survey_finished_values(survey, answer, token=token)
        call = self._aftersales_call_of(answer)
        if call:
            values["aftersales_followup_call_url"] = f"/odoo/aftersales-followup-calls/{call.id}"
        return values

    @staticmethod
    def _aftersales_call_of(answer_sudo):
        """The follow-up call whose questionnaire this is, read with the logged-in user's own rights."""
        if not answer_sudo or request.env.user._is_public():
            return request.env["aftersales.followup.call"]
        return request.env["aftersales.followup.call"]._questionnaire_call_for_agent(answer_sudo.sudo(False))
