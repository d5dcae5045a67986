from odoo import Command, api, fields, models


class AftersalesClaimDecisionWizard(models.TransientModel):
    _name = "aftersales.claim.decision.wizard"
    _description = "Manufacturer's Decision on a Claim"

    claim_id = fields.Many2one("aftersales.warranty.claim", required=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    decision = fields.Selection(
        [("approved", "Approved"), ("partly_approved", "Partly Approved"), ("rejected", "Rejected")],
        required=True, default="approved",
    )
    reason_id = fields.Many2one("aftersales.warranty.reason")
    manufacturer_ref = fields.Char(string="Manufacturer Claim No.")
    note = fields.Text()
    rebill_customer = fields.Boolean(string="Re-bill the Customer",
                                     help="Only the service manager may bill the customer the amount not approved.")
    line_ids = fields.One2many("aftersales.claim.decision.wizard.line", "wizard_id", string="Lines",
                               compute="_compute_line_ids", store=True, readonly=False)

    @api.depends("claim_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create({"claim_line_id": line.id, "approved_amount": line.amount})
                for line in wizard.claim_id.line_ids
            ]

    def action_confirm(self):
        self.ensure_one()
        if self.manufacturer_ref:
            self.claim_id.manufacturer_ref = self.manufacturer_ref
        self.claim_id._record_decision(
            self.decision, reason=self.reason_id,
            approved_amounts={line.claim_line_id: line.approved_amount for line in self.line_ids},
            note=self.note, rebill_customer=self.rebill_customer,
        )
        return {"type": "ir.actions.act_window_close"}


class AftersalesClaimDecisionWizardLine(models.TransientModel):
    _name = "aftersales.claim.decision.wizard.line"
    _description = "Manufacturer's Decision on a Claim Line"

    wizard_id = fields.Many2one("aftersales.claim.decision.wizard", required=True, ondelete="cascade")
    claim_line_id = fields.Many2one("aftersales.warranty.claim.line", required=True)
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    name = fields.Char(related="claim_line_id.name")
    amount = fields.Monetary(related="claim_line_id.amount", string="Claimed")
    approved_amount = fields.Monetary(string="Approved")
