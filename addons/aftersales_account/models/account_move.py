from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def action_aftersales_register_group_payment(self):
        """One incoming payment of one payer (an insurer, a manufacturer) against all the invoices chosen."""
        invoices = self.filtered(lambda move: move.move_type == "out_invoice")
        if not invoices or invoices != self:
            raise UserError(self.env._("Choose customer invoices only to register one payment against them."))
        unpaid = invoices.filtered(
            lambda move: move.state != "posted" or move.currency_id.is_zero(move.amount_residual)
        )
        if unpaid:
            raise UserError(self.env._(
                "%(invoices)s have nothing open to pay.", invoices=", ".join(unpaid.mapped("display_name")),
            ))
        if len(invoices.commercial_partner_id) > 1 or len(invoices.company_id) > 1:
            raise UserError(self.env._(
                "One payment comes from one payer: choose the invoices of one partner and one company, not "
                "%(partners)s.", partners=", ".join(invoices.commercial_partner_id.mapped("name")),
            ))
        action = invoices.action_register_payment()
        action["context"] = {**action.get("context", {}), "default_group_payment": True}
        return action
