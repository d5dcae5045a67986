from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .test_payment import PaymentCase


@tagged("post_install", "-at_install")
class TestNotRepaired(PaymentCase):
    """The diagnosis report, and the car that leaves unrepaired: the diagnosis fee, the exit notice."""

    def setUp(self):
        super().setUp()
        self.company.aftersales_diagnosis_fee = 150.0
        check_in = self._check_in(41000, ["发动机异响", "保养"])
        check_in.with_user(self.advisor).action_create_work_order()
        self.order = check_in.repair_id.with_user(self.advisor)
        self.engine, self.service = self.order.job_ids.sorted("id")
        self.engine.labour_hours = 3.0
        self.service.labour_hours = 1.0
        self.part = self._add_part(self.order, self.engine, self.water_pump, 1)
        self.order.diagnosis = "水泵轴承磨损，建议更换水泵总成"

    def _render(self, report, order):
        html, _type = self.env["ir.actions.report"].with_user(self.advisor)._render_qweb_html(
            f"aftersales_reception.{report}", order.ids)
        return html.decode()

    def _not_repaired(self, reason="customer_declined", note="客户决定到其他店维修", fee=None):
        wizard = Form(self.env["aftersales.not.repaired.wizard"].with_user(self.advisor).with_context(
            default_repair_id=self.order.id))
        wizard.reason = reason
        wizard.note = note
        if fee is not None:
            wizard.diagnosis_fee = fee
        return wizard.save()

    def test_customer_declines_and_pays_the_diagnosis_fee(self):
        order = self.order
        diagnosis = self._render("action_report_diagnosis", order)
        for expected in ("发动机异响", "水泵轴承磨损，建议更换水泵总成", "Diagnosis Report", "1,450.00", "2,350.00"):
            self.assertIn(expected, diagnosis)

        wizard = self._not_repaired()
        self.assertEqual(wizard.diagnosis_fee, 150.0, "the settings' fee is proposed")
        wizard.action_confirm()
        self.assertEqual((order.state, order.aftersales_stage, order.not_repaired_reason, order.not_repaired_note,
                          order.not_repaired_user_id), ("cancel", "not_repaired", "customer_declined",
                                                        "客户决定到其他店维修", self.advisor))
        self.assertTrue(order.not_repaired_date)
        self.assertEqual(set((self.engine | self.service).mapped("state")), {"declined"})
        self.assertEqual(self.engine.decline_reason, "Customer Declined the Repair")
        self.assertEqual(self.part.state, "cancel", "the part reserved for the car is released")
        fee = order.job_ids - self.engine - self.service
        self.assertEqual((fee.name, fee.payer, fee.state, fee.labour_hours, fee.labour_amount),
                         ("Diagnosis fee", "customer", "done", 1.0, 150.0))
        self.assertEqual((order.amount_total, order.amount_customer, order.amount_labour, order.amount_parts),
                         (150.0, 150.0, 150.0, 0.0))
        self.assertTrue(order.is_ready_for_delivery, "nothing to finish before the settlement")
        with self.assertRaisesRegex(UserError, "was not repaired"):
            order._record_delivery(41000, False, False)

        # The cashier bills the fee, one invoice for the customer; the customer pays it in cash.
        order.with_user(self.cashier).action_settle()
        invoice = self._invoice(order)
        # sudo: the test counts the invoices, beyond the advisor's rights
        self.assertEqual(len(order.sudo().aftersales_invoice_ids), 1)
        self.assertEqual((invoice.state, invoice.partner_id, invoice.amount_total), ("posted", self.customer, 150.0))
        with self.assertRaisesRegex(UserError, "has not paid"):
            order.with_user(self.cashier).action_issue_gate_pass()
        self._wizard(order, payment_method="cash").action_take_payment()
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (0.0, "paid"))

        action = order.with_user(self.cashier).action_issue_gate_pass()
        self.assertEqual(action["report_name"], "aftersales_reception.report_exit_notice",
                         "the car leaves with the exit notice")
        self.assertEqual(order.aftersales_stage, "closed")
        notice = self._render("action_report_exit_notice", order)
        for expected in ("Exit Notice", "Customer Declined the Repair", "客户决定到其他店维修", "150.00", "Paid",
                         "浙A·V0001"):
            self.assertIn(expected, notice)

    def test_fee_waived(self):
        self._not_repaired(reason="cannot_repair", note="需返厂家技术支持，本店无法修复", fee=0.0).action_confirm()
        self.assertEqual(self.order.job_ids, self.engine | self.service, "no fee job when the fee is waived")
        self.assertEqual(self.order.amount_customer, 0.0)
        self.assertEqual(self.order.aftersales_stage, "not_repaired")

    def test_refusals_change_nothing(self):
        order = self.order
        with self.assertRaisesRegex(AccessError, "Only a service advisor"):
            order.with_user(self.technician)._record_not_repaired("customer_declined", "不修了", 150.0)
        with self.assertRaisesRegex(UserError, "Write down why"):
            order._record_not_repaired("customer_declined", "  ", 150.0)
        with self.assertRaisesRegex(UserError, "Say why"):
            order._record_not_repaired("bogus", "不修了", 150.0)
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            order._record_not_repaired("customer_declined", "不修了", -1.0)
        with self.assertRaisesRegex(UserError, "only their business step|only its business step"):
            order.write({"not_repaired_reason": "customer_declined"})
        self.assertFalse(order.not_repaired_date)
        self.assertEqual(set(order.job_ids.mapped("state")), {"proposed"})
        self.assertEqual(order.state, "draft")

        order._record_not_repaired("customer_declined", "不修了", 150.0)
        with self.assertRaisesRegex(UserError, "already recorded as not repaired"):
            order._record_not_repaired("customer_declined", "不修了", 150.0)
        self.assertEqual(len(order.job_ids), 3)

    def test_car_under_repair_is_finished_or_cancelled(self):
        order = self.order
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        with self.assertRaisesRegex(UserError, "only before the work starts"):
            order._record_not_repaired("cannot_repair", "无法修复", 150.0)
        self.assertFalse(order.not_repaired_date)
        self.assertEqual(order.state, "under_repair")
