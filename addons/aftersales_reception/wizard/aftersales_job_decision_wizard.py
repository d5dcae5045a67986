from odoo import fields, models

from ..models.aftersales_job import DECISION_CHANNELS


class AftersalesJobDecisionWizard(models.TransientModel):
    _name = "aftersales.job.decision.wizard"
    _description = "Customer Decision on Additional Work"

    repair_id = fields.Many2one("repair.order", required=True)
    job_ids = fields.Many2many(
        "aftersales.job", string="Additional Jobs", required=True,
        domain="[('repair_id', '=', repair_id), ('state', '=', 'proposed')]",
    )
    decision = fields.Selection([("approved", "Approved"), ("declined", "Declined")], required=True,
                                default="approved")
    channel = fields.Selection(DECISION_CHANNELS, required=True, default="phone")
    decision_date = fields.Datetime(required=True, default=fields.Datetime.now)
    workshop_informed_user_id = fields.Many2one("res.users", string="Workshop Informed")
    decline_reason = fields.Char()
    approved_by = fields.Char(help="Who approved on the customer's side.")

    def action_record(self):
        self.ensure_one()
        approved = self.decision == "approved"
        self.job_ids._record_decision(
            approved, self.channel, workshop_informed_user=self.workshop_informed_user_id,
            decline_reason=self.decline_reason, decision_date=self.decision_date,
        )
        if approved:
            # The payers' new totals are approved with the added work.
            self.repair_id._record_approval(
                self.channel, self.approved_by or self.repair_id.partner_id.name, kind="additional",
                jobs=self.env["aftersales.job"],
            )
        return {"type": "ir.actions.act_window_close"}
