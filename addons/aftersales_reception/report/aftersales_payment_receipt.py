from odoo import api, models
from odoo.exceptions import AccessError

from ..tools import amount_to_chinese_capitals


class ReportAftersalesPaymentReceipt(models.AbstractModel):
    """The receipt (收款收据) the cashier hands over: the payment, its work order and the amount in capitals."""

    _name = "report.aftersales_reception.report_payment_receipt"
    _description = "After-sales Payment Receipt"

    @api.model
    def _get_report_values(self, docids, data=None):
        payments = self.env["account.payment"].browse(docids)
        if not payments.has_access("read"):
            # A service advisor who took a payment prints its receipt without accounting rights: the receipts
            # of the work orders he reads, nothing else.
            payments = payments.sudo()  # sudo: the advisor's receipts of work orders he reads (checked below)
            if not self.env.user.has_group("aftersales_reception.group_service_advisor") \
                    or any(not payment.aftersales_repair_id and not payment.aftersales_appointment_id
                           for payment in payments):
                raise AccessError(self.env._("Only the cashier or a service advisor prints a payment receipt."))
            payments.aftersales_repair_id.with_env(self.env).check_access("read")
            payments.aftersales_appointment_id.with_env(self.env).check_access("read")
        return {
            "doc_ids": payments.ids,
            "doc_model": "account.payment",
            "docs": payments,
            "amount_capitals": amount_to_chinese_capitals,
        }
