from odoo import fields, models

from .aftersales_settlement_mixin import PAYMENT_METHODS


class AccountPayment(models.Model):
    _inherit = "account.payment"

    # What the cashier's receipt says: the work order paid and how (WeChat Pay and Alipay may share a journal).
    aftersales_repair_id = fields.Many2one("repair.order", string="Work Order", index="btree_not_null", copy=False,
                                           readonly=True)
    aftersales_appointment_id = fields.Many2one("aftersales.appointment", string="Appointment Deposit",
                                                index="btree_not_null", copy=False, readonly=True)
    aftersales_payment_method = fields.Selection(PAYMENT_METHODS, string="Paid by", copy=False, readonly=True)
