from odoo import api, fields, models


class AftersalesJobDiagnosisWizard(models.TransientModel):
    """The technician's own words on his job: why it failed and what he did (the claim's cause and correction)."""

    _name = "aftersales.job.diagnosis.wizard"
    _description = "Cause and Correction of a Job"

    job_id = fields.Many2one("aftersales.job", required=True, readonly=True, ondelete="cascade")
    cause = fields.Text(compute="_compute_from_job", store=True, readonly=False, help="Why it failed, as diagnosed.")
    correction = fields.Text(compute="_compute_from_job", store=True, readonly=False,
                             help="What was done to fix it.")

    @api.depends("job_id")
    def _compute_from_job(self):
        for wizard in self:
            wizard.cause = wizard.job_id.cause
            wizard.correction = wizard.job_id.correction

    def action_confirm(self):
        self.ensure_one()
        self.job_id._record_cause_and_correction(self.cause, self.correction)
        return {"type": "ir.actions.act_window_close"}
