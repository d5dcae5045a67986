from odoo import api, fields, models


class AftersalesInsuranceShortfallWizard(models.TransientModel):
    _name = "aftersales.insurance.shortfall.wizard"
    _description = "Insurer Pays Short"

    case_id = fields.Many2one("aftersales.insurance.case", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="case_id.currency_id")
    amount_outstanding = fields.Monetary(related="case_id.amount_insurer_outstanding", string="Insurer Owes")
    amount = fields.Monetary(
        string="Shortfall", compute="_compute_amount", store=True, readonly=False, precompute=True,
        help="What the insurer will not pay of its invoices: written off as the dealer's loss.",
    )
    reason = fields.Text(string="Why", required=True,
                         help="The insurer's reason, e.g. a deduction for salvage (残值) or a part not assessed.")

    @api.depends("case_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.case_id.amount_insurer_outstanding

    def action_confirm(self):
        self.ensure_one()
        self.case_id._record_insurer_shortfall(self.amount, self.reason)
        return {"type": "ir.actions.act_window_close"}
