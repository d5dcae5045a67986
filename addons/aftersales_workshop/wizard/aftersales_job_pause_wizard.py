from odoo import fields, models

from ..models.aftersales_job_clock import PAUSE_REASONS


class AftersalesJobPauseWizard(models.TransientModel):
    _name = "aftersales.job.pause.wizard"
    _description = "Pause a Job"

    job_id = fields.Many2one("aftersales.job", required=True)
    reason = fields.Selection(PAUSE_REASONS, required=True, default="parts")

    def action_pause(self):
        self.ensure_one()
        self.job_id._clock_pause(self.reason)
        return {"type": "ir.actions.act_window_close"}
