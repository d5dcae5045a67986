from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import current_step
from .aftersales_settlement_mixin import PAYMENT_METHODS


class AccountPayment(models.Model):
    _inherit = "account.payment"

    # What the cashier's receipt says: the work order paid and how (WeChat Pay and Alipay may share a journal).
    aftersales_repair_id = fields.Many2one("repair.order", string="Work Order", index="btree_not_null", copy=False,
                                           readonly=True)
    aftersales_appointment_id = fields.Many2one("aftersales.appointment", string="Appointment Deposit",
                                                index="btree_not_null", copy=False, readonly=True)
    aftersales_payment_method = fields.Selection(PAYMENT_METHODS, string="Paid by", copy=False, readonly=True)

    # A payment counts as an appointment's deposit (deducted at the visit's settlement) only when the cashier's
    # deposit step took it: not by editing, importing or an API call.
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("aftersales_appointment_id") for vals in vals_list):
            self._aftersales_check_deposit_step()
        return super().create(vals_list)

    def write(self, vals):
        if "aftersales_appointment_id" in vals and any(
            payment.aftersales_appointment_id.id != (vals["aftersales_appointment_id"] or False) for payment in self
        ):
            self._aftersales_check_deposit_step()
        return super().write(vals)

    def _aftersales_check_deposit_step(self):
        if current_step() != "aftersales.deposit.wizard._create_deposit_payment":
            raise UserError(self.env._(
                "A payment becomes an appointment's deposit only through Take Deposit on the appointment."
            ))

