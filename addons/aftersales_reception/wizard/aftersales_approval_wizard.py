from odoo import api, fields, models

from ..models.aftersales_job import DECISION_CHANNELS


class AftersalesApprovalWizard(models.TransientModel):
    _name = "aftersales.approval.wizard"
    _description = "Record the Customer's Approval"

    repair_id = fields.Many2one("repair.order", required=True)
    kind = fields.Selection(
        [("estimate", "Estimate"), ("reapproval", "New Approval")], required=True, default="estimate"
    )
    channel = fields.Selection(DECISION_CHANNELS, required=True, default="in_person")
    approved_by = fields.Char(required=True, compute="_compute_approved_by", store=True, readonly=False,
                              precompute=True)
    signature = fields.Image(max_width=1024, max_height=1024)
    note = fields.Char()
    amount_total = fields.Monetary(related="repair_id.amount_total")
    currency_id = fields.Many2one(related="repair_id.company_currency_id")

    @api.depends("repair_id")
    def _compute_approved_by(self):
        for wizard in self:
            wizard.approved_by = wizard.repair_id.partner_id.name

    def action_approve(self):
        self.ensure_one()
        self.repair_id._record_approval(self.channel, self.approved_by, signature=self.signature, kind=self.kind,
                                        note=self.note)
        return {"type": "ir.actions.act_window_close"}
