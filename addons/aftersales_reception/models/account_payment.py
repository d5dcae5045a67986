from odoo import fields, models
from odoo.exceptions import UserError

from .aftersales_settlement_mixin import PAYMENT_METHODS


class AccountPayment(models.Model):
    _name = "account.payment"
    _inherit = ["account.payment", "aftersales.step.mixin"]

    # What the cashier's receipt says: the work order paid and how (WeChat Pay and Alipay may share a journal).
    aftersales_repair_id = fields.Many2one("repair.order", string="Work Order", index="btree_not_null", copy=False,
                                           readonly=True)
    # A deposit (deducted at the visit's settlement) only by the cashier's Take Deposit step.
    aftersales_appointment_id = fields.Many2one("aftersales.appointment", string="Appointment Deposit",
                                                index="btree_not_null", copy=False, readonly=True,
                                                aftersales_step=True)
    aftersales_payment_method = fields.Selection(PAYMENT_METHODS, string="Paid by", copy=False, readonly=True)

    def _aftersales_raise_step_fields(self, names):
        if "aftersales_appointment_id" in names:
            raise UserError(self.env._(
                "A payment becomes an appointment's deposit only through Take Deposit on the appointment."
            ))
        return super()._aftersales_raise_step_fields(names)
