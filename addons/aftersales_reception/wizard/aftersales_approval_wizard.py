from odoo import Command, api, fields, models

from ..models.aftersales_job import DECISION_CHANNELS, PAYERS


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
    currency_id = fields.Many2one(related="repair_id.company_currency_id")
    line_ids = fields.One2many("aftersales.approval.wizard.line", "wizard_id", string="Estimate per Payer",
                               compute="_compute_estimate", store=True, precompute=True)
    amount_total = fields.Monetary(string="Amount to Approve", compute="_compute_estimate", store=True,
                                   precompute=True)

    @api.depends("repair_id")
    def _compute_estimate(self):
        """What the customer signs: the estimate per payer, as the approval will record it."""
        for wizard in self:
            jobs = wizard.repair_id._estimate_jobs()
            commands = [Command.clear()]
            for payer, _label in PAYERS:
                payer_jobs = jobs.filtered(lambda job, p=payer: job.payer == p)
                if payer_jobs:
                    labour = sum(payer_jobs.mapped("labour_amount"))
                    parts = sum(payer_jobs.mapped("parts_amount"))
                    commands.append(Command.create({
                        "payer": payer, "labour_amount": labour, "parts_amount": parts, "amount_total": labour + parts,
                    }))
            wizard.line_ids = commands
            wizard.amount_total = sum(jobs.mapped("amount_total"))

    @api.depends("repair_id")
    def _compute_approved_by(self):
        for wizard in self:
            wizard.approved_by = wizard.repair_id.partner_id.name

    def action_approve(self):
        self.ensure_one()
        self.repair_id._record_approval(self.channel, self.approved_by, signature=self.signature, kind=self.kind,
                                        note=self.note)
        return {"type": "ir.actions.act_window_close"}
