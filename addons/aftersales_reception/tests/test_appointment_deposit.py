from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .test_payment import PaymentCase


@tagged("post_install", "-at_install")
class TestAppointmentDeposit(PaymentCase):
    """The parts named when booking, the deposit for the dearer ones, and the deposit paying the bill."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"aftersales_deposit_min_price": 1000.0, "aftersales_deposit_percent": 50.0})

    def _book(self, parts=None):
        parts = parts if parts is not None else [(self.water_pump, 1), (self.oil_filter, 2)]
        return self.env["aftersales.appointment"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id,
            "start_date": self._next_monday(hour_utc=1),
            "requested_services": "水泵漏水",
            "part_line_ids": [Command.create({"product_id": product.id, "quantity": quantity})
                              for product, quantity in parts],
        })

    def _deposit_wizard(self, appointment, user=None, **values):
        appointment = appointment.with_user(user or self.cashier)
        action = appointment.action_open_deposit_wizard()
        wizard = appointment.env[action["res_model"]].with_context(**action["context"]).create({})
        if values:
            wizard.write(values)
        return wizard

    def test_deposit_is_half_of_the_dearer_parts(self):
        appointment = self._book()
        pump, filters = appointment.part_line_ids.sorted("id")
        self.assertEqual((pump.price_unit, pump.price_subtotal, pump.needs_deposit), (1450.0, 1450.0, True))
        self.assertEqual((filters.price_unit, filters.price_subtotal, filters.needs_deposit), (58.0, 116.0, False))
        self.assertEqual((appointment.parts_amount, appointment.deposit_required), (1566.0, 725.0))
        self.assertEqual((appointment.deposit_paid, appointment.deposit_due), (0.0, 725.0))
        # The manager's settings take effect at once.
        self.company.aftersales_deposit_percent = 60.0
        self.assertEqual(appointment.deposit_required, 870.0)
        self.company.aftersales_deposit_min_price = 2000.0
        self.assertFalse(pump.needs_deposit)
        self.assertEqual(appointment.deposit_required, 0.0)

    def test_cashier_takes_the_deposit_and_it_pays_the_bill(self):
        appointment = self._book()
        wizard = self._deposit_wizard(appointment)
        self.assertEqual((wizard.deposit_required, wizard.amount, wizard.payment_method), (725.0, 725.0, "cash"))
        self.assertEqual(wizard.amount_in_words, "柒佰贰拾伍元整")
        action = wizard.action_take_deposit()
        self.assertEqual(action["report_name"], "aftersales_reception.report_payment_receipt")
        payment = appointment.deposit_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertEqual(action["context"]["active_ids"], payment.ids, "the receipt is the deposit's")
        self.assertEqual(
            (payment.amount, payment.partner_id, payment.journal_id, payment.payment_type, payment.create_uid),
            (725.0, self.customer, self.cash_journal, "inbound", self.cashier),
        )
        self.assertIn(payment.state, ("in_process", "paid"))
        self.assertEqual((appointment.deposit_paid, appointment.deposit_due), (725.0, 0.0))
        self.assertIn(payment.name, appointment.message_ids[:1].body)
        receipt = self.env["ir.actions.report"].with_user(self.cashier)._render_qweb_html(
            "aftersales_reception.report_payment_receipt", payment.ids)[0].decode()
        self.assertIn(appointment.name, receipt)

        # The visit: the car is checked in from the appointment, the pump fitted and one hour of labour.
        order = self._work_order_from_appointment(appointment)
        with self.assertRaisesRegex(UserError, "only before check-in"):
            appointment.part_line_ids[:1].with_user(self.advisor).quantity = 2
        job = order.job_ids[:1]
        job.labour_hours = 1.0
        self._add_part(order, job, self.water_pump, 1)
        self._confirm_five(order)
        order.payment_method = "cash"
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()

        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 1750.0, "300 of labour and the 1450 pump")
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (1025.0, "partial"),
                         "the deposit of 725 is deducted at settlement")
        self.assertEqual(payment.reconciled_invoice_ids, invoice)
        wizard = self._wizard(order)
        self.assertEqual((wizard.amount_due, wizard.amount), (1025.0, 1025.0))
        wizard.action_take_payment()
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (0.0, "paid"))

    def test_deposit_left_on_account_when_cancelled(self):
        appointment = self._book()
        self._deposit_wizard(appointment, amount=800.0).action_take_deposit()
        self.assertEqual((appointment.deposit_paid, appointment.deposit_due), (800.0, 0.0),
                         "more than the half is accepted")
        appointment.with_user(self.advisor).action_cancel()
        payment = appointment.deposit_payment_ids
        self.assertFalse(payment.reconciled_invoice_ids)
        self.assertEqual(payment.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable").amount_residual, -800.0,
            "the customer's credit, to refund or to keep for the next visit")
        with self.assertRaisesRegex(UserError, "booked or confirmed"):
            self._deposit_wizard(appointment)

    def test_bad_deposits_change_nothing(self):
        appointment = self._book()
        with self.assertRaisesRegex(UserError, "above zero"):
            self._deposit_wizard(appointment, amount=0.0).action_take_deposit()
        with self.assertRaisesRegex(UserError, "more than the parts"):
            self._deposit_wizard(appointment, amount=1566.01).action_take_deposit()
        with self.assertRaises(AccessError):
            appointment.with_user(self.technician).action_open_deposit_wizard()
        self.assertFalse(self.env["account.payment"].search([("aftersales_appointment_id", "=", appointment.id)]))
        self.assertEqual(appointment.deposit_paid, 0.0)
        # A payment entered or edited by hand does not become a deposit the settlement would deduct.
        payment_values = {
            "payment_type": "inbound", "partner_type": "customer", "partner_id": self.customer.id, "amount": 500.0,
            "journal_id": self.company._aftersales_required_payment_journal("cash").id,
        }
        with self.assertRaisesRegex(UserError, "only through Take Deposit"):
            self.env["account.payment"].create({**payment_values, "aftersales_appointment_id": appointment.id})
        payment = self.env["account.payment"].create(payment_values)
        with self.assertRaisesRegex(UserError, "only through Take Deposit"):
            payment.aftersales_appointment_id = appointment
        self.assertEqual(appointment.deposit_paid, 0.0)
        with self.assertRaisesRegex(ValidationError, "quantity above zero"):
            self.env["aftersales.appointment.part"].with_user(self.advisor).create({
                "appointment_id": appointment.id, "product_id": self.oil_filter.id, "quantity": 0,
            })

    def test_appointment_sheet(self):
        appointment = self._book()
        self._deposit_wizard(appointment).action_take_deposit()
        html = self.env["ir.actions.report"].with_user(self.advisor)._render_qweb_html(
            "aftersales_reception.report_appointment_sheet", appointment.ids)[0].decode()
        for text in (appointment.name, "浙A·V0001", "水泵漏水", "水泵 Water pump", "1,566.00", "725.00",
                     "柒佰贰拾伍元整"):
            self.assertIn(text, html)
        self.assertIn('name="signatures"', html)
