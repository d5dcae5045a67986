from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged, warmup
from odoo.tests.common import new_test_user
from odoo.tools import mute_logger

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase, installed_visit_steps

from .common_visit import VisitSteps as PartsVisitSteps


@tagged("post_install", "-at_install")
class TestPartsStore(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="store_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="陈丽")
        cls.technician = new_test_user(cls.env, login="store_technician",
                                       groups="aftersales_reception.group_workshop_technician", name="刘伟")
        cls.vendor = cls.env["res.partner"].create({"name": "一汽-大众零部件配送中心", "is_company": True})
        cls.headlamp = cls._make_part("左前大灯 Headlamp", "5GG941005", 3200.0, 2100.0)
        cls.env["stock.quant"]._update_available_quantity(cls.headlamp, cls.stock_location, -50)
        cls.headlamp.seller_ids = [Command.create({"partner_id": cls.vendor.id, "price": 2100.0, "delay": 3})]

    def _order_with_parts(self, parts, payer="customer", approve=True):
        """A work order with one job and the given parts [(product, quantity)], approved by phone."""
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        job = order.job_ids
        job.write({"labour_hours": 1.0, "payer": payer})
        moves = self.env["stock.move"].concat(*(self._add_part(order, job, product, qty) for product, qty in parts))
        if approve:
            self._confirm_five(order)
            order._record_approval("phone", "王小明")
        return order, job, moves

    def _note(self, order, kind="issue", quantities=None):
        note = order.with_user(self.clerk)._create_parts_note(kind)
        if quantities:
            for line in note.line_ids:
                line.quantity = quantities[line.product_id]
        # The technician signs from his own login; the clerk validates.
        note.with_user(self.technician)._technician_sign(SIGNATURE)
        return note

    def _on_hand(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    def test_availability_at_estimate_and_reservation_at_approval(self):
        order, _job, (filters, lamp) = self._order_with_parts(
            [(self.oil_filter, 1), (self.headlamp, 1)], approve=False,
        )
        self.assertEqual(filters.aftersales_stock_status, "available")
        self.assertEqual(lamp.aftersales_stock_status, "short")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_reception.action_report_estimate", order.ids)[0].decode()
        self.assertIn("Parts to be ordered", html)
        self.assertIn("左前大灯", html)
        self.assertEqual(filters.product_id.with_context(location=self.stock_location.id).free_qty, 50)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertEqual(filters.state, "assigned", "approval reserves what the store has")
        self.assertEqual(self.oil_filter.with_context(location=self.stock_location.id).free_qty, 49)
        self.assertEqual(self._on_hand(self.oil_filter), 50, "reserved, not issued yet")
        self.assertEqual(order.parts_state, "waiting")
        self.assertEqual(order.aftersales_stage, "waiting_parts", "approved, the headlamp short: 待料")

    def test_issue_needs_an_approved_order(self):
        order, _job, _moves = self._order_with_parts([(self.oil_filter, 1)], approve=False)
        with self.assertRaisesRegex(UserError, "approved work order"):
            order.with_user(self.clerk)._create_parts_note("issue")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["aftersales.parts.issue"].with_user(self.clerk).create({"kind": "issue"})
        # A line taken from another order is refused.
        other, _job, _moves = self._order_with_parts([(self.engine_oil, 2)])
        note = other.with_user(self.clerk)._create_parts_note("issue")
        note.line_ids.move_id = order.move_ids
        note.with_user(self.technician)._technician_sign(SIGNATURE)
        with self.assertRaisesRegex(UserError, "not on work order"):
            note.with_user(self.clerk).action_validate()
        self.assertEqual(self._on_hand(self.engine_oil), 50)
        self.assertEqual(note.state, "draft")

    def test_over_issue_refused(self):
        order, _job, (oil,) = self._order_with_parts([(self.engine_oil, 4)])
        note = self._note(order, quantities={self.engine_oil: 5})
        with self.assertRaisesRegex(UserError, "the order needs 4"):
            note.action_validate()
        self.assertEqual(self._on_hand(self.engine_oil), 50)
        self.assertEqual(oil.state, "assigned")
        unsigned = order.with_user(self.clerk)._create_parts_note("issue")
        with self.assertRaisesRegex(UserError, "technician signs"):
            unsigned.action_validate()

    def test_partial_issue_return_and_books_agree(self):
        order, job, (oil,) = self._order_with_parts([(self.engine_oil, 4)])
        self._note(order, quantities={self.engine_oil: 3}).action_validate()
        self.assertEqual(self._on_hand(self.engine_oil), 47, "three litres left the store")
        self.assertEqual(oil.state, "done")
        self.assertEqual(oil.quantity, 3)
        remainder = order.move_ids - oil
        self.assertEqual(remainder.product_uom_qty, 1, "the fourth litre is still needed")
        self.assertEqual(remainder.aftersales_job_id, job)
        self.assertEqual(remainder.state, "assigned", "and still reserved for the order")
        self.assertEqual(job.parts_amount, 4 * 80.0)

        returned = self._note(order, "return", quantities={self.engine_oil: 1})
        self.assertEqual(returned.kind, "return")
        returned.action_validate()
        self.assertEqual(self._on_hand(self.engine_oil), 48)
        self.assertEqual(oil.aftersales_returned_qty, 1)
        self.assertEqual(oil.billing_quantity, 2)
        self.assertEqual(job.parts_amount, 3 * 80.0, "the returned litre is not billed")
        with self.assertRaisesRegex(UserError, "only 2.0 issued"):
            self._note(order, "return", quantities={self.engine_oil: 3}).action_validate()

        order.action_repair_start()
        job.action_mark_done()
        with self.assertRaisesRegex(UserError, "not issued"):
            self._end_repair_without_issue(order)
        self.assertEqual(order.state, "under_repair")
        self._end_repair(order)
        self.assertEqual(order.state, "done")
        self.assertEqual(self._on_hand(self.engine_oil), 47, "book, card and shelf agree: 3 litres used")
        self.assertEqual(sum(order.move_ids.filtered(lambda m: m.repair_line_type == "add").mapped("billing_quantity")),
                         3)

    def _end_repair_without_issue(self, order):
        """The other installed addons' steps before the end are taken, not the store's."""
        for steps in installed_visit_steps(order.env):
            if not isinstance(steps, PartsVisitSteps):
                steps.before_repair_end(self, order)
        order.action_repair_end()

    def test_shortage_creates_purchase_linked_to_order_and_arrival_activity(self):
        order, _job, (lamp,) = self._order_with_parts([(self.headlamp, 1)])
        self.assertEqual(order.parts_state, "waiting")
        purchase = order.aftersales_purchase_ids.with_env(self.env)
        self.assertEqual(len(purchase), 1, "approval ordered the missing headlamp")
        self.assertEqual(purchase.partner_id, self.vendor)
        self.assertEqual(purchase.order_line.product_qty, 1)
        self.assertEqual(purchase.aftersales_repair_ids, order)
        self.assertEqual(order.parts_expected_date, fields.Date.today() + timedelta(days=3), "the vendor's lead time")
        with self.assertRaisesRegex(UserError, "already ordered"):
            order.action_order_missing_parts()
        # A second order short of the same part joins the same purchase.
        second, _job, _moves = self._order_with_parts([(self.headlamp, 2)], payer="customer")
        self.assertEqual(second.aftersales_purchase_ids, purchase)
        self.assertEqual(sum(purchase.order_line.mapped("product_qty")), 3)
        purchase.button_confirm()
        receipt = purchase.picking_ids
        receipt.move_ids.quantity = 3
        receipt.move_ids.picked = True
        receipt.button_validate()
        self.assertEqual(lamp.state, "assigned", "the arrived part is reserved for the order")
        self.assertEqual(order.parts_state, "ready")
        activity = order.activity_ids.filtered(lambda act: "arrived" in (act.summary or ""))
        self.assertEqual(activity.user_id, order.user_id)
        self.assertEqual(self._on_hand(self.headlamp), 3)
        self.assertEqual(self.headlamp.with_context(location=self.stock_location.id).free_qty, 0)

    def test_replaced_parts_kept_scrapped_or_retained(self):
        check_in = self._check_in(41000, ["水泵漏水", "刹车异响"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        warranty_job, customer_job = order.job_ids.sorted("id")
        warranty_job.payer = "warranty"
        self._add_part(order, warranty_job, self.water_pump, 1)
        self._add_part(order, customer_job, self.brake_pads, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order.action_record_replaced_parts()
        pump, pads = order.replaced_part_ids.sorted(lambda part: part.job_id.id)
        self.assertEqual(pump.disposition, "warranty")
        self.assertEqual(pads.disposition, "customer")
        self.assertIn("Replaced parts are not processed", "\n".join(order._get_delivery_blockers()))
        with self.assertRaises(ValidationError):
            pump.disposition = "scrap"
        (pump | pads).action_process()
        self.assertEqual(pump.state, "retained")
        self.assertEqual(pads.state, "handed_over")
        retained_location = self.company.aftersales_retained_location_id
        self.assertEqual(pump.location_id, retained_location)
        self.assertEqual(self.water_pump.with_context(location=retained_location.id).qty_available, 1)
        self.assertNotIn("Replaced parts", "\n".join(order._get_delivery_blockers()))
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            pump.quantity = 2


@tagged("post_install", "-at_install")
class TestPartsIssuePerformance(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="perf_clerk", groups="aftersales_parts.group_parts_clerk")
        cls.technician = new_test_user(cls.env, login="perf_technician",
                                       groups="aftersales_reception.group_workshop_technician")
        cls.parts = cls.env["product.product"].concat(*(
            cls._make_part(f"测试件 {index}", f"PERF{index:04d}", 10.0 + index, 5.0) for index in range(40)
        ))

    @warmup
    def test_issue_forty_parts_bounded_queries(self):
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        job = order.job_ids
        self.env["stock.move"].create([{
            "repair_id": order.id, "repair_line_type": "add", "product_id": part.id, "product_uom_qty": 2,
            "aftersales_job_id": job.id,
        } for part in self.parts])
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        note = order.with_user(self.clerk)._create_parts_note("issue")
        note.with_user(self.technician)._technician_sign(SIGNATURE)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=300):
            note.action_validate()
        self.assertEqual(set(order.move_ids.mapped("state")), {"done"})
        self.assertEqual(self.parts[0].with_context(location=self.stock_location.id).qty_available, 48)
