from odoo import fields, models

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

    def _create_payment_vals_from_wizard(self, batch_result):
        return {**super()._create_payment_vals_from_wizard(batch_result), **self._aftersales_payment_values()}

    def _create_payment_vals_from_batch(self, batch_result):
        return {**super()._create_payment_vals_from_batch(batch_result), **self._aftersales_payment_values()}
