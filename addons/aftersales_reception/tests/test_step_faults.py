import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common_faults import StepFaultMixin
from .test_payment import PaymentCase


@tagged("post_install", "-at_install")
class TestStepFaults(StepFaultMixin, PaymentCase):
    """A settlement or a payment interrupted by a database error leaves nothing half done, and works when run
    again."""

    def _ended_order(self):
        """A car repaired and delivered: a customer job (1 h), an internal job (2 h) and a goodwill job (0.5 h),
        each with a part."""
        self.mileage += 100
        check_in = self._check_in(self.mileage, ["保养", "内部返修", "善意维修"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, (payer, hours, part) in zip(order.job_ids.sorted("id"), (
            ("customer", 1.0, self.oil_filter), ("internal", 2.0, self.brake_pads), ("goodwill", 0.5, self.engine_oil),
        ), strict=True):
            job.write({"payer": payer, "labour_hours": hours})
            self._add_part(order, job, part, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order._record_delivery(self.mileage + 10, False, False)
        return order

    def _books(self, order):
        """What a settlement or a payment writes, number by number."""
        Move = self.env["account.move"].sudo()  # sudo: the test sets up or reads beyond the role
        invoices = order.sudo().aftersales_invoice_ids  # sudo: the test sets up or reads beyond the role
        customer = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        return {
            "entries": Move.search_count([]),
            # sudo: the test sets up or reads beyond the role
            "journal items": self.env["account.move.line"].sudo().search_count([]),
            "order's entries": [(move.aftersales_payer, move.move_type, move.state, move.amount_total)
                                for move in invoices.sorted("id")],
            "customer due": (customer.amount_residual, customer.payment_state) if customer else None,
            # sudo: the test sets up or reads beyond the role
            "payments": self.env["account.payment"].sudo().search_count([]),
            "order's payments": len(self._payments(order)),
            "settled": bool(order.settlement_date),
            "stage": order.aftersales_stage,
            "messages": len(order.message_ids),
        }

    def test_settlement_interrupted_leaves_nothing_and_runs_again(self):
        faults = {
            # The database stops the step after the entries are posted, in the hook other addons extend.
            "error in the settled hook": ("repair.order", "_on_settled", "SELECT 1 / 0",
                                          psycopg2.errors.DivisionByZero),
            # A constraint violated when the order is marked settled, after the entries are posted.
            "constraint violated after posting": (
                "account.move", "action_post",
                lambda moves: SQL("UPDATE account_move SET journal_id = NULL WHERE id IN %s", tuple(moves.ids)),
                ValidationError),
        }
        for label, (model, method, fault, error) in faults.items():
            with self.subTest(label):
                order = self._ended_order()
                before = self._books(order)
                self.assertEqual((before["order's entries"], before["settled"], before["stage"]),
                                 ([], False, "delivered"))
                with self.failing_after(model, method, fault), mute_logger("odoo.sql_db"):
                    self.assertRequestFails(error, self.cashier, lambda env, o=order: env["repair.order"].browse(o.id)
                                            .action_settle())
                self.assertEqual(self._books(order), before, "no entry, no journal item, no state change")
                self.run_as_request(self.cashier, lambda env, o=order: env["repair.order"].browse(o.id)
                                    .action_settle())
                after = self._books(order)
                # Customer: 300 per hour and the 58 oil filter (VAT included); the internal and goodwill shares
                # are the dealer's cost, booked once as entries.
                self.assertEqual(after["order's entries"], [
                    ("customer", "out_invoice", "posted", 358.0),
                    ("internal", "entry", "posted", 610.0),
                    ("goodwill", "entry", "posted", 230.0),
                ])
                self.assertEqual((after["entries"], after["customer due"], after["settled"], after["stage"]),
                                 (before["entries"] + 3, (358.0, "not_paid"), True, "settled"))

    def test_payment_interrupted_leaves_nothing_and_runs_again(self):
        order = self._settled_order(method="cash")
        before = self._books(order)
        self.assertEqual((before["customer due"], before["order's payments"]), ((900.0, "not_paid"), 0))

        def take_payment(env):
            order_env = env["repair.order"].browse(order.id)
            action = order_env.action_open_payment_wizard()
            wizard = env[action["res_model"]].with_context(**action["context"]).create({})
            return wizard.action_take_payment()

        # The payment is registered and reconciled, then the database fails on the order's note.
        with self.failing_after("account.payment.register", "_create_payments"), mute_logger("odoo.sql_db"):
            self.assertRequestFails(psycopg2.errors.DivisionByZero, self.cashier, take_payment)
        self.assertEqual(self._books(order), before, "no payment, nothing reconciled, no note")
        self.run_as_request(self.cashier, take_payment)
        after = self._books(order)
        self.assertEqual((after["customer due"], after["order's payments"], after["payments"],
                          after["messages"]), ((0.0, "paid"), 1, before["payments"] + 1, before["messages"] + 1))
        self.assertEqual(self._payments(order).amount, 900.0)
