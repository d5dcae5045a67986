from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.aftersales_reception.tools import amount_to_chinese_capitals

from .common import AftersalesCase, make_vin, use_chinese
from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestAmountInCapitals(AftersalesCase):
    def test_capitals(self):
        for amount, expected in (
            (1234.56, "壹仟贰佰叁拾肆元伍角陆分"),
            (0, "零元整"),
            (0.05, "伍分"),
            (0.5, "伍角整"),
            (0.56, "伍角陆分"),
            (1, "壹元整"),
            (10, "壹拾元整"),
            (15, "壹拾伍元整"),
            (100, "壹佰元整"),
            (1010, "壹仟零壹拾元整"),
            (1001, "壹仟零壹元整"),
            (10005, "壹万零伍元整"),
            (100000, "壹拾万元整"),
            (107000.53, "壹拾万零柒仟元伍角叁分"),
            (1680.32, "壹仟陆佰捌拾元叁角贰分"),
            (10000000, "壹仟万元整"),
            (100000000, "壹亿元整"),
            (100010000, "壹亿零壹万元整"),
            (100001000, "壹亿零壹仟元整"),
            (101000001, "壹亿零壹佰万零壹元整"),
            (110000000, "壹亿壹仟万元整"),
            (999999999999.99, "玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
        ):
            with self.subTest(amount=amount):
                self.assertEqual(amount_to_chinese_capitals(amount), expected)

    def test_jiao_and_fen(self):
        self.assertEqual(amount_to_chinese_capitals(1.05), "壹元零伍分", "a fen without jiao: 零 after the yuan")
        self.assertEqual(amount_to_chinese_capitals(10.5), "壹拾元伍角整", "jiao without fen: 整")
        self.assertEqual(amount_to_chinese_capitals(20.50), "贰拾元伍角整")
        self.assertEqual(amount_to_chinese_capitals(3.07), "叁元零柒分")

    def test_rounding_sign_and_limit(self):
        self.assertEqual(amount_to_chinese_capitals(2.675), "贰元陆角捌分", "rounded half up to the fen")
        self.assertEqual(amount_to_chinese_capitals(0.004), "零元整")
        self.assertEqual(amount_to_chinese_capitals(-12.3), "负壹拾贰元叁角整")
        with self.assertRaises(ValueError):
            amount_to_chinese_capitals(10 ** 12)


class PaymentCase(VisitCase):
    """Settled work orders whose customer pays at the cashier's desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Journal = cls.env["account.journal"]
        cls.cash_journal = Journal.create({"name": "前台现金", "type": "cash", "code": "TCSH",
                                           "company_id": cls.company.id})
        cls.wechat_journal = Journal.create({"name": "微信支付", "type": "bank", "code": "TWX",
                                             "company_id": cls.company.id})
        cls.company.write({
            "aftersales_journal_cash_id": cls.cash_journal.id,
            "aftersales_journal_wechat_id": cls.wechat_journal.id,
        })
        cls.mileage = 41000

    def _settled_order(self, vehicle=None, hours=(1.0, 2.0), method="wechat"):
        """A car checked in, its jobs (300 per hour, VAT included) approved, done and settled by the cashier."""
        self.mileage += 100
        check_in = self._check_in(self.mileage, [f"保养 {index}" for index in range(len(hours))], vehicle=vehicle)
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, job_hours in zip(order.job_ids.sorted("id"), hours, strict=True):
            job.labour_hours = job_hours
        self._confirm_five(order)
        order.payment_method = method
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()
        return order.with_user(self.cashier)

    def _wizard(self, order, user=None, **values):
        """The payment dialog as the button opens it."""
        order = order.with_user(user or self.cashier)
        action = order.action_open_payment_wizard()
        wizard = order.env[action["res_model"]].with_context(**action["context"]).create({})
        if values:
            wizard.write(values)
        return wizard

    def _invoice(self, order):
        return order.sudo().aftersales_invoice_ids.filtered(lambda move: move.aftersales_payer == "customer")

    def _payments(self, order):
        return self.env["account.payment"].search([("aftersales_repair_id", "=", order.id)])


@tagged("post_install", "-at_install")
class TestPayment(PaymentCase):
    def test_cashier_may_register_payments(self):
        Payment = self.env["account.payment"].with_user(self.cashier)
        self.assertTrue(Payment.has_access("create"), "the cashier registers payments with his own rights")
        self.assertTrue(self.env["account.payment.register"].with_user(self.cashier).has_access("create"))

    def test_full_payment_in_cash(self):
        order = self._settled_order(method="cash")
        invoice = self._invoice(order)
        self.assertEqual((invoice.amount_total, invoice.amount_residual), (900.0, 900.0))
        self.assertFalse(order.is_customer_paid)
        self.assertEqual(order.customer_amount_due, 900.0)

        wizard = self._wizard(order)
        self.assertEqual(wizard.payment_method, "cash", "the order's method is the default")
        self.assertEqual((wizard.amount_due, wizard.amount), (900.0, 900.0))
        self.assertEqual(wizard.invoice_names, invoice.name)
        self.assertEqual(wizard.journal_name, self.cash_journal.display_name)
        self.assertEqual(wizard.amount_in_words, "玖佰元整")
        action = wizard.action_take_payment()
        self.assertEqual((action["type"], action["report_name"]),
                         ("ir.actions.report", "aftersales_reception.report_payment_receipt"))

        payment = self._payments(order)
        self.assertEqual(len(payment), 1)
        self.assertEqual(action["context"]["active_ids"], payment.ids, "the receipt is the payment's")
        self.assertEqual(payment.journal_id, self.cash_journal, "cash goes to the cash journal, not the bank")
        self.assertEqual((payment.amount, payment.partner_id, payment.aftersales_payment_method, payment.state),
                         (900.0, self.customer, "cash", "paid"))
        self.assertEqual(payment.create_uid, self.cashier)
        self.assertEqual(payment.reconciled_invoice_ids, invoice)
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (0.0, "paid"))
        self.assertTrue(order.is_customer_paid)
        self.assertEqual(order.customer_amount_due, 0.0)
        note = order.message_ids[:1]
        self.assertIn(payment.name, note.body)
        self.assertIn("900.00", note.body)
        self.assertEqual(note.author_id, self.cashier.partner_id)
        # Paid: nothing more to take.
        with self.assertRaisesRegex(UserError, "owes nothing more"):
            order.action_open_payment_wizard()

    def test_wechat_lands_in_its_journal(self):
        order = self._settled_order(hours=(1.5,))
        wizard = self._wizard(order)
        self.assertEqual(wizard.payment_method, "wechat")
        self.assertEqual(wizard.journal_name, self.wechat_journal.display_name)
        wizard.action_take_payment()
        payment = self._payments(order)
        self.assertEqual((payment.journal_id, payment.amount, payment.aftersales_payment_method),
                         (self.wechat_journal, 450.0, "wechat"))
        self.assertEqual(self._invoice(order).payment_state, "paid")

    def _dialog(self, order, user):
        """The payment dialog as the user sees it in the browser (its view, its onchanges)."""
        action = order.with_user(user).action_open_payment_wizard()
        return Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))

    def test_method_changed_in_the_dialog(self):
        order = self._settled_order(hours=(1.0,))
        with self._dialog(order, self.cashier) as dialog:
            self.assertEqual((dialog.payment_method, dialog.journal_name),
                             ("wechat", self.wechat_journal.display_name))
            self.assertEqual((dialog.amount, dialog.amount_in_words), (300.0, "叁佰元整"))
            dialog.payment_method = "cash"
            self.assertEqual(dialog.journal_name, self.cash_journal.display_name)
            dialog.amount = 120.5
            self.assertEqual(dialog.amount_in_words, "壹佰贰拾元伍角整")
        dialog.record.action_take_payment()
        payment = self._payments(order)
        self.assertEqual((payment.journal_id, payment.amount), (self.cash_journal, 120.5))

    def test_partial_payment_leaves_the_exact_residual(self):
        order = self._settled_order()
        invoice = self._invoice(order)
        self._wizard(order, amount=333.33).action_take_payment()
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (566.67, "partial"))
        self.assertFalse(order.is_customer_paid)
        self.assertEqual(order.customer_amount_due, 566.67)
        self.assertIn("566.67", order.message_ids[:1].body, "the note says what is still due")
        # The rest, later: the dialog proposes exactly what is left.
        wizard = self._wizard(order)
        self.assertEqual((wizard.amount_due, wizard.amount), (566.67, 566.67))
        wizard.action_take_payment()
        self.assertEqual(sorted(self._payments(order).mapped("amount")), [333.33, 566.67])
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (0.0, "paid"))
        self.assertTrue(order.is_customer_paid)

    def test_overpayment_refused_and_nothing_changed(self):
        order = self._settled_order()
        invoice = self._invoice(order)
        messages = len(order.message_ids)
        for amount, message in ((900.01, "more than the customer owes"), (0.0, "above zero"),
                                (-10.0, "above zero")):
            wizard = self._wizard(order, amount=amount)
            with self.subTest(amount=amount), self.assertRaisesRegex(UserError, message):
                wizard.action_take_payment()
        self.assertFalse(self._payments(order))
        self.assertEqual((invoice.amount_residual, invoice.payment_state), (900.0, "not_paid"))
        self.assertEqual(len(order.message_ids), messages)
        self.assertFalse(order.is_customer_paid)

    def test_order_not_settled_refused(self):
        check_in = self._check_in(42000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        order.job_ids.labour_hours = 1.0
        with self.assertRaisesRegex(UserError, "not settled yet"):
            order.with_user(self.cashier).action_open_payment_wizard()
        # Nor by a dialog opened some other way.
        wizard = self.env["aftersales.payment.wizard"].with_user(self.cashier).create({
            "repair_id": order.id, "amount": 300.0, "payment_method": "cash",
        })
        with self.assertRaisesRegex(UserError, "not settled yet"):
            wizard.action_take_payment()
        self.assertFalse(self._payments(order))

    def test_only_cashier_and_advisor_take_payments(self):
        order = self._settled_order()
        with self.assertRaises(AccessError):
            order.with_user(self.technician).action_open_payment_wizard()
        self.assertFalse(self._payments(order))

    def test_advisor_takes_payment(self):
        """An advisor without accounting rights takes the payment and prints the receipt."""
        order = self._settled_order()
        self.assertFalse(self.env["account.payment"].with_user(self.advisor).has_access("read"))
        with self._dialog(order, self.advisor) as dialog:
            self.assertEqual((dialog.amount_due, dialog.journal_name), (900.0, self.wechat_journal.display_name))
            self.assertEqual(dialog.invoice_names, self._invoice(order).name)
        action = dialog.record.action_take_payment()
        payment = self._payments(order)
        self.assertEqual((payment.amount, payment.journal_id, payment.create_uid), (900.0, self.wechat_journal,
                                                                                     self.advisor))
        html, _kind = self.env["ir.actions.report"].with_user(self.advisor)._render_qweb_html(
            "aftersales_reception.action_report_payment_receipt", action["context"]["active_ids"],
        )
        self.assertIn("玖佰元整", html.decode())
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.technician)._render_qweb_html(
                "aftersales_reception.action_report_payment_receipt", payment.ids,
            )

    def test_receipt(self):
        order = self._settled_order(hours=(1.0, 3.0))
        self._wizard(order, amount=1034.56, payment_method="alipay").action_take_payment()
        payment = self._payments(order)
        self.assertEqual(payment.amount, 1034.56)
        self.assertEqual(payment.journal_id.type, "bank", "Alipay is booked in a bank journal")
        html, _kind = self.env["ir.actions.report"].with_user(self.cashier)._render_qweb_html(
            "aftersales_reception.action_report_payment_receipt", payment.ids,
        )
        html = html.decode()
        for expected in ("壹仟零叁拾肆元伍角陆分", "1,034.56", order.name, self.vehicle.license_plate,
                         self._invoice(order).name, "Alipay", self.cashier.name, "王小明", payment.name):
            self.assertIn(expected, html)

    def test_queue_lists_exactly_the_unpaid_orders(self):
        unpaid = self._settled_order()
        partly_paid = self._settled_order()
        paid = self._settled_order()
        self._wizard(partly_paid, amount=100.0).action_take_payment()
        self._wizard(paid).action_take_payment()
        check_in = self._check_in(self.mileage + 100, ["保养"])
        check_in.action_create_work_order()
        not_settled = check_in.repair_id

        action = self.env.ref("aftersales_reception.repair_order_to_collect_action")
        Order = self.env["repair.order"].with_user(self.cashier)
        queue = Order.search(safe_eval(action.domain))
        self.assertIn(unpaid, queue)
        self.assertIn(partly_paid, queue)
        self.assertNotIn(paid, queue)
        self.assertNotIn(not_settled, queue)
        expected = Order.search([("is_aftersales", "=", True)]).filtered(
            lambda order: order.is_settled and not order.is_customer_paid
        )
        self.assertEqual(queue, expected, "the search says what the compute says")
        self.assertEqual(Order.search([("is_customer_paid", "=", True), ("id", "in", (unpaid | paid).ids)]), paid)
        self.assertEqual(Order.search([("is_customer_paid", "!=", True), ("id", "in", (unpaid | paid).ids)]),
                         unpaid)
        # The oldest delivery first.
        view = self.env.ref("aftersales_reception.repair_order_view_list_to_collect")
        self.assertIn('default_order="delivery_date, ', view.arch)

    def test_default_journals_and_their_creation(self):
        company = self.company
        company.write({"aftersales_journal_cash_id": False, "aftersales_journal_wechat_id": False})
        self.assertEqual(company._aftersales_payment_journal("wechat").type, "bank")
        self.assertEqual(company._aftersales_payment_journal("transfer").type, "bank")
        self.assertEqual(company._aftersales_payment_journal("cash").type, "cash")
        company.aftersales_journal_alipay_id = False
        company.aftersales_journal_card_id = False
        journals = self.env["account.journal"].search_count([])
        company._aftersales_create_payment_journals()
        mapped = {method: company[f"aftersales_journal_{method}_id"] for method in ("cash", "wechat", "alipay", "card")}
        self.assertEqual({method: journal.type for method, journal in mapped.items()},
                         {"cash": "cash", "wechat": "bank", "alipay": "bank", "card": "bank"})
        self.assertEqual(len(set(mapped.values())), 4, "a journal of its own for each method")
        self.assertEqual(self.env["account.journal"].search_count([]), journals + 3,
                         "the cash journal is the company's own; WeChat Pay, Alipay and POS card are new")
        self.assertFalse(company.aftersales_journal_transfer_id, "bank transfers keep the bank journal")
        company._aftersales_create_payment_journals()
        self.assertEqual(self.env["account.journal"].search_count([]), journals + 3, "made once")


@tagged("post_install", "-at_install")
class TestPaymentTour(PaymentCase, HttpCase):
    def test_cashier_takes_payment_from_the_queue(self):
        # The customer said cash at the reception, and pays by WeChat at the desk.
        first = self._settled_order(self._create_vehicle(make_vin("LTV2A21K", "M3090101"), license_plate="浙A·P0001"),
                                    method="cash")
        second = self._settled_order(self._create_vehicle(make_vin("LTV2A21K", "M3090102"), license_plate="浙A·P0002"))
        use_chinese(self.env, self.cashier)
        self.start_tour("/odoo/aftersales-to-collect", "aftersales_cashier_payment", login=self.cashier.login)
        payment = self._payments(first)
        self.assertEqual((payment.journal_id, payment.amount, payment.aftersales_payment_method),
                         (self.wechat_journal, 900.0, "wechat"))
        self.assertTrue(first.is_customer_paid)
        self.assertFalse(second.is_customer_paid)
        self.assertFalse(self._payments(second))
