from odoo import fields, models
from odoo.exceptions import UserError

from ..models.aftersales_settlement_mixin import PAYMENT_METHODS


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    # Set by the cashier's payment dialog: carried onto the payments it registers.
    aftersales_repair_id = fields.Many2one("repair.order", string="Work Order")
    aftersales_payment_method = fields.Selection(PAYMENT_METHODS, string="Paid by")

    def _aftersales_payment_values(self):
        if not self.aftersales_repair_id:
            return {}
        return {
            "aftersales_repair_id": self.aftersales_repair_id.id,
            "aftersales_payment_method": self.aftersales_payment_method,
        }

    def _check_aftersales_write_off(self, batch_result):
        """What a payer does not pay of an after-sales document is written off by its own step (with its approval
        rules), not by marking the document fully paid."""
        if (self.payment_difference_handling != "reconcile" or self.early_payment_discount_mode
                or self.writeoff_is_exchange_account or self.currency_id.is_zero(self.payment_difference)):
            return
        for move in batch_result["lines"].move_id:
            step = move._aftersales_write_off_step()
            if step:
                raise UserError(self.env._(
                    "%(document)s: what the payer does not pay is written off by the step %(step)s. Keep the "
                    "difference open.", document=move.display_name, step=step,
                ))

    def _create_payment_vals_from_wizard(self, batch_result):
        self._check_aftersales_write_off(batch_result)
        return {**super()._create_payment_vals_from_wizard(batch_result), **self._aftersales_payment_values()}

    def _create_payment_vals_from_batch(self, batch_result):
        return {**super()._create_payment_vals_from_batch(batch_result), **self._aftersales_payment_values()}
