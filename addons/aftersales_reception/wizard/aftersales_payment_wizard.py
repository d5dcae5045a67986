from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..models.aftersales_settlement_mixin import PAYMENT_METHODS
from ..tools import amount_to_chinese_capitals
from ..tools.lock import lock_records


class AftersalesPaymentWizard(models.TransientModel):
    """The cashier takes the customer's payment of a settled work order in one dialog: Odoo's payment
    registration does the accounting, the receipt is printed at once."""

    _name = "aftersales.payment.wizard"
    _description = "Take the Customer's Payment"

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, readonly=True,
                                ondelete="cascade")
    company_id = fields.Many2one(related="repair_id.company_id")
    currency_id = fields.Many2one(related="repair_id.company_currency_id")
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    license_plate = fields.Char(related="repair_id.license_plate")
    # Names and amounts are read as the settlement's invoices say them: advisors who take a payment hold
    # no accounting rights (stored computes run as the superuser).
    invoice_names = fields.Char(string="Invoices", compute="_compute_amount_due", store=True, precompute=True)
    amount_due = fields.Monetary(compute="_compute_amount_due", store=True, precompute=True)
    amount = fields.Monetary(string="Amount Received", compute="_compute_amount", store=True, readonly=False,
                             precompute=True, help="The amount due; less for a partial payment.")
    amount_in_words = fields.Char(string="In Words", compute="_compute_amount_in_words")
    payment_method = fields.Selection(PAYMENT_METHODS, required=True, compute="_compute_payment_method",
                                      store=True, readonly=False, precompute=True)
    journal_name = fields.Char(string="Journal", compute="_compute_journal_name", compute_sudo=True,
                               help="Where the payment is booked: the company's journal of the method.")

    @api.depends("repair_id")
    def _compute_amount_due(self):
        for wizard in self:
            invoices = wizard.repair_id._customer_open_invoices()
            wizard.invoice_names = ", ".join(invoices.mapped("name"))
            wizard.amount_due = sum(invoices.mapped("amount_residual"))

    @api.depends("amount_due")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.amount_due

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for wizard in self:
            try:
                wizard.amount_in_words = amount_to_chinese_capitals(wizard.amount)
            except ValueError:
                wizard.amount_in_words = False

    @api.depends("repair_id")
    def _compute_payment_method(self):
        methods = dict(PAYMENT_METHODS)
        for wizard in self:
            method = wizard.repair_id.payment_method
            wizard.payment_method = method if method in methods else "cash"

    @api.depends("repair_id", "payment_method")
    def _compute_journal_name(self):
        for wizard in self:
            company = wizard.repair_id.company_id
            journal = company._aftersales_payment_journal(wizard.payment_method) \
                if company and wizard.payment_method else self.env["account.journal"]
            wizard.journal_name = journal.display_name or False

    def action_take_payment(self):
        """Register the payment on the order's open customer invoices and print the receipt."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group("aftersales_reception.group_cashier") and not user.has_group(
            "aftersales_reception.group_service_advisor"
        ):
            raise AccessError(self.env._("Only the cashier or a service advisor takes a customer's payment."))
        wizard = self
        if not self.env["account.payment"].has_access("create"):
            wizard = self.sudo()  # sudo: an advisor taking the payment holds no accounting rights
        payments = wizard._register_payment()
        report = self.env.ref("aftersales_reception.action_report_payment_receipt")
        action = report.report_action(payments, config=False)
        action["close_on_report_download"] = True
        return action

    def _register_payment(self):
        order = self.repair_id
        # One payment at a time on an order: a second cashier at the same moment is refused, and one who
        # read the order before the first payment was committed reads it again (the request is retried).
        lock_records(order)
        order._check_payable()
        invoices = order._customer_open_invoices()
        lock_records(invoices)
        currency = order.company_currency_id
        due = sum(invoices.mapped("amount_residual"))
        if currency.compare_amounts(self.amount, 0.0) <= 0:
            raise UserError(self.env._("Enter the amount received: it must be above zero."))
        if currency.compare_amounts(self.amount, due) > 0:
            raise UserError(self.env._(
                "%(amount)s is more than the customer owes on work order %(order)s: %(due)s. Take at most the "
                "amount due.",
                amount=format_amount(self.env, self.amount, currency), order=order.name,
                due=format_amount(self.env, due, currency),
            ))
        journal = order.company_id._aftersales_required_payment_journal(self.payment_method)
        register = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoices.ids,
        ).create({
            "payment_date": fields.Date.context_today(self),
            "amount": self.amount,
            "journal_id": journal.id,
            "group_payment": True,
            "payment_difference_handling": "open",
            "communication": " ".join([order.name, *invoices.mapped("name")]),
            "aftersales_repair_id": order.id,
            "aftersales_payment_method": self.payment_method,
        })
        payments = register._create_payments()
        remaining = sum(invoices.mapped("amount_residual"))
        body = self.env._(
            "Payment received: %(amount)s by %(method)s (%(journal)s), %(payment)s on %(invoices)s.",
            amount=format_amount(self.env, self.amount, currency), method=self._method_label(),
            journal=journal.display_name, payment=", ".join(payments.mapped("name")),
            invoices=", ".join(invoices.mapped("name")),
        )
        if not currency.is_zero(remaining):
            body += " " + self.env._("Still due: %(due)s.", due=format_amount(self.env, remaining, currency))
        # sudo: the cashier only reads work orders; the note puts the payment in the order's history
        order.sudo().message_post(body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note")
        return payments

    def _method_label(self):
        return dict(self._fields["payment_method"]._description_selection(self.env))[self.payment_method]
