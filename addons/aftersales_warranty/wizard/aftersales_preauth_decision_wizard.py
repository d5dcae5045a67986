from odoo import api, fields, models


class AftersalesPreauthDecisionWizard(models.TransientModel):
    _name = "aftersales.preauth.decision.wizard"
    _description = "Manufacturer's Answer to a Pre-authorisation"

    preauth_id = fields.Many2one("aftersales.warranty.preauth", required=True)
    currency_id = fields.Many2one(related="preauth_id.currency_id")
    decision = fields.Selection([("authorised", "Authorised"), ("refused", "Refused")], required=True,
                                default="authorised")
    authorisation_number = fields.Char()
    amount_authorised = fields.Monetary(string="Authorised Amount", compute="_compute_amount_authorised",
                                        store=True, readonly=False)
    refusal_reason = fields.Text()

    @api.depends("preauth_id")
    def _compute_amount_authorised(self):
        for wizard in self:
            wizard.amount_authorised = wizard.preauth_id.amount_estimated

    def action_confirm(self):
        self.ensure_one()
        if self.decision == "authorised":
            self.preauth_id._record_authorisation(self.authorisation_number, self.amount_authorised)
        else:
            self.preauth_id._record_refusal(self.refusal_reason)
        return {"type": "ir.actions.act_window_close"}
