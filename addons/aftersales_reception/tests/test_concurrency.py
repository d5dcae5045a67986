from datetime import datetime, timedelta

import psycopg2

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.aftersales_reception.tools import step_scope

from .common_concurrency import ConcurrencyCase
from .common_visit import VisitCase, VisitStepsMixin


@tagged("post_install", "-at_install")
class TestReceptionConcurrency(VisitStepsMixin, ConcurrencyCase):
    """Two sessions doing the same step at the same moment: the step happens once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.session() as env:
            users = {
                login: new_test_user(env, login=f"concurrency_{login}", name=name,
                                     groups=f"aftersales_reception.group_{group}")
                for login, name, group in (
                    ("advisor", "张敏", "service_advisor"), ("advisor2", "李娜", "service_advisor"),
                    ("cashier", "何静", "cashier"), ("technician", "刘师傅", "workshop_technician"),
                )
            }
            for user in users.values():
                cls._keep(user.partner_id, user)
            brand = cls._keep(env["fleet.vehicle.model.brand"].create({"name": "Concurrency Motors"}))
            car_model = cls._keep(env["fleet.vehicle.model"].create({"name": "Sedan C1", "brand_id": brand.id}))
            customers = cls._keep(env["res.partner"].create([{"name": "王小明"}, {"name": "陈先生"}]))
            vehicles = cls._keep(env["fleet.vehicle"].create([{
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": car_model.id,
                "license_plate": plate,
            } for customer, plate in zip(customers, ("浙A·C0001", "浙A·C0002"), strict=True)]))
            cls.advisor, cls.advisor2, cls.cashier, cls.technician = (
                users[login].id for login in ("advisor", "advisor2", "cashier", "technician")
            )
            cls.customer, cls.customer2 = customers.ids
            cls.vehicle, cls.vehicle2 = vehicles.ids
            # The advisor's first bookable slot on a Monday four weeks ahead.
            Appointment = env["aftersales.appointment"]
            today = datetime.now().date()
            monday = today + timedelta(days=28 - today.weekday())
            cls.slot = next(start for start, is_buffer in Appointment._reception_slots(
                users["advisor"], env.company, monday) if not is_buffer)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _approvable_order(self):
        """A committed work order with one customer job, the five points confirmed with the customer."""
        with self.session(self.advisor) as env:
            order = env["repair.order"].create({
                "vehicle_id": self.vehicle, "partner_id": self.customer, "user_id": self.advisor,
                "job_ids": [Command.create({"name": "保养", "labour_hours": 1.5, "payer": "customer"})],
            })
            VisitCase._confirm_five(self, order)
            self.purge_later(order, order.job_ids)
            return order.id

    def _role_user(self, env, group, login, name):
        """Who does an installed addon's step before the repair ends: committed with the session, deleted
        after the test."""
        user = super()._role_user(env, group, login, name)
        self.purge_later(user.partner_id, user)
        return user

    def _approvals(self, order_id):
        with self.session() as env:
            order = env["repair.order"].browse(order_id)
            return [(a.payer, a.kind, a.amount, a.user_id.id) for a in order.approval_ids.sorted("id")]

    # ------------------------------------------------------------------
    # Booking
    # ------------------------------------------------------------------

    def _book(self, env, vehicle, source="customer_call"):
        return env["aftersales.appointment"].create({
            "vehicle_id": vehicle, "advisor_id": self.advisor, "start_date": self.slot, "duration": 1.0,
            "source": source,
        }).id

    def _slot_bookings(self):
        with self.session() as env:
            return env["aftersales.appointment"].search([
                ("advisor_id", "=", self.advisor), ("start_date", "=", self.slot),
                ("state", "in", ("booked", "confirmed")),
            ])

    @mute_logger("odoo.sql_db")
    def test_same_slot_booked_twice_at_once(self):
        """Two advisors book the same advisor's slot at the same moment: one booking stays."""
        self.addCleanup(lambda: self.purge(("aftersales.appointment", self._slot_bookings().ids)))
        with self.session(self.advisor) as env_a:
            first = self._book(env_a, self.vehicle)
            # The second session checks the slot while the first one's booking is not committed yet:
            # its Python check sees a free slot; the database makes it wait for the first session.
            second = self.run_in_thread(self.advisor2, lambda env: self._book(env, self.vehicle2))
            self.wait_until_blocked(second)
        second.join(30)
        self.assertFalse(second.is_alive())
        self.assertIsInstance(second.error, ValidationError, f"the second booking went through: {second.result}")
        self.assertIn("already receives a customer at this time", str(second.error))
        self.assertEqual(self._slot_bookings().ids, [first])

    def test_walk_in_in_a_booked_slot(self):
        """The database rule is about bookings: a walk-in is taken in whenever the customer turns up."""
        self.addCleanup(lambda: self.purge(("aftersales.appointment", self._slot_bookings().ids)))
        with self.session(self.advisor) as env:
            self._book(env, self.vehicle)
            self._book(env, self.vehicle2, source="walk_in")
        self.assertEqual(len(self._slot_bookings()), 2)

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    @mute_logger("odoo.sql_db")
    def test_order_approved_twice_at_once(self):
        """Two advisors record the customer's approval at the same moment: one approval per payer."""
        order_id = self._approvable_order()
        with self.session(self.advisor) as env_a:
            env_a["repair.order"].browse(order_id)._record_approval("phone", "王小明")
            with self.session(self.advisor2) as env_b, \
                    self.assertRaisesRegex(UserError, "is being changed by another user right now"):
                env_b["repair.order"].browse(order_id)._record_approval("phone", "王小明")
        self.assertEqual(self._approvals(order_id), [("customer", "estimate", 450.0, self.advisor)])

    @mute_logger("odoo.sql_db")
    def test_order_approved_after_a_stale_read(self):
        """The second advisor opened the order before the first approval was committed: once it is
        committed, the second approval is refused (Odoo retries the request on the concurrent update)."""
        order_id = self._approvable_order()
        with self.session(self.advisor2) as env_b:
            order_b = env_b["repair.order"].browse(order_id)
            self.assertFalse(order_b.approval_ids)  # the second session's snapshot starts here
            with self.session(self.advisor) as env_a:
                env_a["repair.order"].browse(order_id)._record_approval("phone", "王小明")
            with self.assertRaisesRegex(UserError, "already approved"), mute_logger("odoo.service.model"):
                # As a request runs it: Odoo's retry on the concurrent update of the order.
                retrying(lambda: order_b._record_approval("phone", "王小明"), env_b)
        self.assertEqual(self._approvals(order_id), [("customer", "estimate", 450.0, self.advisor)])

    @mute_logger("odoo.sql_db")
    def test_database_keeps_one_estimate_approval_per_payer(self):
        """Whatever the code path, the database keeps one estimate approval per payer."""
        with self.session(self.advisor) as env:
            order = env["repair.order"].create({
                "vehicle_id": self.vehicle, "partner_id": self.customer,
                "job_ids": [Command.create({"name": "保养", "labour_hours": 1.0, "payer": "customer"})],
            })
            VisitCase._confirm_five(self, order)
            order._record_approval("phone", "王小明")
            values = {"repair_id": order.id, "payer": "customer", "amount": 300.0, "channel": "phone",
                      "approved_by": "王小明"}
            with step_scope("test"):
                env["aftersales.approval"].create({**values, "kind": "reapproval"})
                with self.assertRaises(psycopg2.errors.UniqueViolation), env.cr.savepoint():
                    env["aftersales.approval"].create({**values, "kind": "estimate"})
            env.cr.rollback()  # nothing of this test stays

    @mute_logger("odoo.sql_db")
    def test_additional_work_decided_twice_at_once(self):
        """Two advisors record the customer's yes to the same additional work at the same moment."""
        order_id = self._approvable_order()
        with self.session(self.advisor) as env:
            order = env["repair.order"].browse(order_id)
            order._record_approval("phone", "王小明")
            pump = env["aftersales.job"].create({
                "repair_id": order_id, "name": "更换水泵", "labour_hours": 2.0, "is_additional": True,
                "added_hours": 2.0, "additional_reason": "水泵漏水",
            })
            promised = order.promised_date

        def decide(env):
            env["aftersales.job.decision.wizard"].create({
                "repair_id": order_id, "job_ids": [Command.set(pump.ids)], "decision": "approved",
                "channel": "phone", "workshop_informed_user_id": self.technician, "approved_by": "王小明",
            }).action_record()

        with self.session(self.advisor) as env_a:
            decide(env_a)
            with self.session(self.advisor2) as env_b, \
                    self.assertRaisesRegex(UserError, "is being changed by another user right now"):
                decide(env_b)
        with self.session() as env:
            job = env["aftersales.job"].browse(pump.id)
            self.assertEqual((job.state, job.decision_user_id.id), ("approved", self.advisor))
            self.assertEqual(job.repair_id.promised_date, promised + timedelta(hours=2), "the time added once")
        self.assertEqual(self._approvals(order_id), [
            ("customer", "estimate", 450.0, self.advisor), ("customer", "additional", 1050.0, self.advisor),
        ])

    # ------------------------------------------------------------------
    # Settlement
    # ------------------------------------------------------------------

    @mute_logger("odoo.sql_db")
    def test_order_settled_twice_at_once(self):
        """Two cashiers settle the same order at the same moment: one set of invoices."""
        order_id = self._approvable_order()
        with self.session() as env:
            order = env["repair.order"].browse(order_id)
            order.with_user(self.advisor)._record_approval("phone", "王小明")
            order.action_repair_start()
            order.job_ids.action_mark_done()
            self._before_repair_end(order)
            order.action_repair_end()
            self.purge_later(order.move_ids)

        def settle(env):
            env["repair.order"].browse(order_id).action_settle()
            env.flush_all()
            return env["repair.order"].browse(order_id).aftersales_invoice_ids

        with self.session(self.cashier) as env_a:
            invoices = settle(env_a)
            self.purge_later(invoices.sudo())  # sudo: cleanup
            with self.session(self.cashier) as env_b, \
                    self.assertRaisesRegex(UserError, "is being changed by another user right now"):
                settle(env_b)
        with self.session() as env:
            order = env["repair.order"].browse(order_id)
            moves = order.aftersales_invoice_ids
            self.assertEqual(moves.ids, invoices.ids)
            self.assertEqual([(m.move_type, m.state, m.aftersales_payer, m.amount_total) for m in moves],
                             [("out_invoice", "posted", "customer", 450.0)])
            self.assertTrue(order.settlement_date)

    # ------------------------------------------------------------------
    # The customer's payment
    # ------------------------------------------------------------------

    def _settled_order_id(self):
        """A committed order settled by the cashier: the customer owes its invoice."""
        order_id = self._approvable_order()
        with self.session() as env:
            order = env["repair.order"].browse(order_id)
            order.with_user(self.advisor)._record_approval("phone", "王小明")
            order.action_repair_start()
            order.job_ids.action_mark_done()
            self._before_repair_end(order)
            order.action_repair_end()
            self.purge_later(order.move_ids)
        with self.session(self.cashier) as env:
            order = env["repair.order"].browse(order_id)
            order.action_settle()
            self.purge_later(order.sudo().aftersales_invoice_ids)  # sudo: cleanup
        return order_id

    def _take_payment(self, env, order_id):
        wizard = env["aftersales.payment.wizard"].create({"repair_id": order_id, "payment_method": "transfer"})
        wizard.action_take_payment()
        env.flush_all()
        payments = env["account.payment"].search([("aftersales_repair_id", "=", order_id)])
        self.purge_later(payments.sudo().move_id, payments.sudo())  # sudo: cleanup
        return payments

    def _payments_and_invoice(self, order_id):
        with self.session() as env:
            order = env["repair.order"].browse(order_id)
            invoice = order.aftersales_invoice_ids
            payments = env["account.payment"].search([("aftersales_repair_id", "=", order_id)])
            return ([(p.amount, p.create_uid.id) for p in payments],
                    (invoice.amount_total, invoice.amount_residual, invoice.payment_state, order.is_customer_paid))

    @mute_logger("odoo.sql_db")
    def test_invoice_paid_twice_at_once(self):
        """Two cashiers take the customer's payment of the same order at the same moment: one payment."""
        order_id = self._settled_order_id()
        with self.session(self.cashier) as env_a:
            self._take_payment(env_a, order_id)
            with self.session(self.cashier) as env_b, \
                    self.assertRaisesRegex(UserError, "is being changed by another user right now"):
                self._take_payment(env_b, order_id)
        payments, (total, residual, state, paid) = self._payments_and_invoice(order_id)
        self.assertEqual(payments, [(total, self.cashier)])
        self.assertEqual((residual, state, paid), (0.0, "paid", True))

    @mute_logger("odoo.sql_db")
    def test_invoice_paid_after_a_stale_read(self):
        """The second cashier read the order before the first payment was committed: once it is committed,
        the second payment is refused (Odoo retries the request on the concurrent update of the invoice)."""
        order_id = self._settled_order_id()
        with self.session(self.cashier) as env:
            wizard_id = env["aftersales.payment.wizard"].create({
                "repair_id": order_id, "payment_method": "transfer",
            }).id
        with self.session(self.cashier) as env_b:
            wizard_b = env_b["aftersales.payment.wizard"].browse(wizard_id)
            due = env_b["repair.order"].browse(order_id).customer_amount_due  # the second session's snapshot
            self.assertEqual(wizard_b.amount, due)
            with self.session(self.cashier) as env_a:
                self._take_payment(env_a, order_id)
            with self.assertRaisesRegex(UserError, "owes nothing more"), mute_logger("odoo.service.model"):
                retrying(wizard_b.action_take_payment, env_b)
        payments, (total, residual, state, paid) = self._payments_and_invoice(order_id)
        self.assertEqual(payments, [(total, self.cashier)])
        self.assertEqual((residual, state, paid), (0.0, "paid", True))
