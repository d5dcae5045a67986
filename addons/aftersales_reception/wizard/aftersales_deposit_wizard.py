from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..models.aftersales_settlement_mixin import PAYMENT_METHODS
from ..tools import amount_to_chinese_capitals, business_step
from ..tools.lock import lock_records


class AftersalesDepositWizard(models.TransientModel):
    """The deposit (预约定金) for the dearer parts named on an appointment: a customer payment of its own,
    which pays the visit's settlement invoice when the car is settled."""

    _name = "aftersales.deposit.wizard"
    _description = "Take an Appointment Deposit"

    appointment_id = fields.Many2one("aftersales.appointment", required=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one(related="appointment_id.company_id")
    currency_id = fields.Many2one(related="appointment_id.currency_id")
    partner_id = fields.Many2one(related="appointment_id.partner_id", string="Customer")
    license_plate = fields.Char(related="appointment_id.license_plate")
    deposit_required = fields.Monetary(related="appointment_id.deposit_required")
    deposit_paid = fields.Monetary(related="appointment_id.deposit_paid")
    amount = fields.Monetary(string="Amount Received", compute="_compute_amount", store=True, readonly=False,
                             precompute=True)
    amount_in_words = fields.Char(string="In Words", compute="_compute_amount_in_words")
    payment_method = fields.Selection(PAYMENT_METHODS, required=True, default="cash")

    @api.depends("appointment_id")
    def _compute_amount(self):
        for wizard in self:
            wizard.amount = wizard.appointment_id.deposit_due

    @api.depends("amount")
    def _compute_amount_in_words(self):
        for wizard in self:
            try:
                wizard.amount_in_words = amount_to_chinese_capitals(wizard.amount)
            except ValueError:
                wizard.amount_in_words = False

    def action_take_deposit(self):
        """Post the deposit payment and print its receipt."""
        self.ensure_one()
        self.appointment_id._check_deposit_rights()
        wizard = self
        if not self.env["account.payment"].has_access("create"):
            wizard = self.sudo()  # sudo: an advisor taking the deposit holds no accounting rights
        payment = wizard._create_deposit_payment()
        report = self.env.ref("aftersales_reception.action_report_payment_receipt")
        action = report.report_action(payment, config=False)
        action["close_on_report_download"] = True
        return action

    @business_step
    def _create_deposit_payment(self):
        appointment = self.appointment_id
        # One deposit at a time per appointment: a second cashier at the same moment is refused.
        lock_records(appointment)
        if appointment.state not in ("booked", "confirmed"):
            raise UserError(self.env._("A deposit is taken on a booked or confirmed appointment."))
        currency = appointment.currency_id
        if currency.compare_amounts(self.amount, 0.0) <= 0:
            raise UserError(self.env._("Enter the deposit received: it must be above zero."))
        if currency.compare_amounts(self.amount, appointment.parts_amount - appointment.deposit_paid) > 0:
            raise UserError(self.env._(
                "%(amount)s is more than the parts of appointment %(appointment)s still cost: %(rest)s.",
                amount=format_amount(self.env, self.amount, currency), appointment=appointment.name,
                rest=format_amount(self.env, appointment.parts_amount - appointment.deposit_paid, currency),
            ))
        journal = appointment.company_id._aftersales_required_payment_journal(self.payment_method)
        method_label = dict(self._fields["payment_method"]._description_selection(self.env))[self.payment_method]
        payment = self.env["account.payment"].create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": appointment.partner_id.commercial_partner_id.id,
            "company_id": appointment.company_id.id,
            "journal_id": journal.id,
            "amount": self.amount,
            "currency_id": currency.id,
            "date": fields.Date.context_today(self),
            "memo": self.env._("Deposit %(appointment)s", appointment=appointment.name),
            "aftersales_appointment_id": appointment.id,
            "aftersales_payment_method": self.payment_method,
        })
        payment.action_post()
        body = self.env._(
            "Deposit received: %(amount)s by %(method)s (%(journal)s), %(payment)s.",
            amount=format_amount(self.env, self.amount, currency), method=method_label,
            journal=journal.display_name, payment=payment.name,
        )
        # The cashier only reads appointments; the note puts the deposit in the appointment's history.
        appointment.sudo().message_post(  # sudo: the cashier posts on an appointment he only reads
            body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note")
        return payment
