from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, warmup
from odoo.tools import mute_logger

from .common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestWorkOrder(VisitCase):
    def _order(self, concerns=("保养",), mileage=41000):
        check_in = self._check_in(mileage, concerns)
        check_in.with_user(self.advisor).action_create_work_order()
        return check_in.repair_id.with_user(self.advisor)

    def test_after_sales_order_is_marked_when_opened(self):
        order = self._order()
        self.assertTrue(order.is_aftersales, "a check-in opens an after-sales order")
        with self.assertRaisesRegex(UserError, "decided when it is opened"):
            order.write({"is_aftersales": False})
        self.assertTrue(order.is_aftersales)
        # A repair of Odoo's Repairs app stays Odoo's even for a vehicle: no after-sales step applies.
        repair = self.env["repair.order"].with_user(self.advisor).with_context(default_is_aftersales=False).create({
            "partner_id": self.customer.id, "vehicle_id": self.vehicle.id,
        })
        self.assertFalse(repair.is_aftersales)
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed", "no customer approval is asked of a plain repair")
        # Opened from the After-sales app, an order is after-sales and needs its vehicle.
        with self.assertRaisesRegex(ValidationError, "choose the vehicle"), mute_logger("odoo.sql_db"):
            self.env["repair.order"].with_context(default_is_aftersales=True).create({"partner_id": self.customer.id})

    def test_stage_follows_the_visit(self):
        """One status bar through the visit: each step moves the order's stage, nothing else does."""
        order = self._order(concerns=("保养", "刹车异响"))
        self.assertRegex(order.name, r"^GD\d{8}$", "the dealer's own numbering, not the warehouse's prefix")
        self.assertEqual(order.aftersales_stage, "quotation", "a check-in's concerns are the jobs to quote")
        order.job_ids.labour_hours = 1.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertEqual(order.aftersales_stage, "confirmed")
        order.action_repair_start()
        self.assertEqual(order.aftersales_stage, "in_repair")
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self.assertEqual(order.aftersales_stage, "ready")
        order._record_delivery(41010, False, False)
        self.assertEqual(order.aftersales_stage, "delivered")
        order.with_user(self.cashier).action_settle()
        self.assertEqual(order.aftersales_stage, "settled")
        order.with_user(self.manager).action_allow_credit()
        order.with_user(self.cashier).action_issue_gate_pass()
        self.assertEqual(order.aftersales_stage, "closed")
        with self.assertRaises(UserError):
            order.write({"aftersales_stage": "quotation"})
        self.assertEqual(order.aftersales_stage, "closed")

    def test_stage_of_an_empty_and_a_cancelled_order(self):
        order = self.env["repair.order"].with_user(self.advisor).with_context(default_is_aftersales=True).create({
            "partner_id": self.customer.id, "vehicle_id": self.vehicle.id,
        })
        self.assertEqual(order.aftersales_stage, "reception", "no job yet: the car is being received")
        order.action_repair_cancel()
        self.assertEqual(order.aftersales_stage, "cancel")
        plain = self.env["repair.order"].with_context(default_is_aftersales=False).create({
            "partner_id": self.customer.id,
        })
        self.assertFalse(plain.aftersales_stage, "Odoo's own repairs keep Odoo's states only")
        self.assertNotRegex(plain.name, r"^GD")

    def test_boards_show_every_stage_in_the_flow_order(self):
        Order = self.env["repair.order"].with_user(self.advisor).with_context(read_group_expand=True)
        groups = Order.web_read_group([("is_aftersales", "=", True), ("id", "=", 0)], ["aftersales_stage"])
        stages = [group["aftersales_stage"] for group in groups["groups"]]
        flow = [stage for stage, _label in Order._fields["aftersales_stage"].selection if stage != "cancel"]
        self.assertEqual(stages, flow, "empty stages are columns too, in the flow's order")
        for earlier, later in (("reception", "quotation"), ("confirmed", "in_repair"), ("in_repair", "ready"),
                               ("ready", "delivered"), ("delivered", "settled"), ("settled", "closed")):
            self.assertLess(flow.index(earlier), flow.index(later))
        board = Order.with_context(aftersales_board_stages=["in_repair", "ready"])
        groups = board.web_read_group([("is_aftersales", "=", True), ("id", "=", 0)], ["aftersales_stage"])
        self.assertEqual([group["aftersales_stage"] for group in groups["groups"]], ["in_repair", "ready"])

    def test_check_in_with_lower_mileage_refused(self):
        count = self.env["aftersales.check.in"].search_count([])
        with self.assertRaisesRegex(ValidationError, "cannot go down from 30000.0 to 29000.0"):
            self._check_in(29000, ["异响"])
        self.assertEqual(self.env["aftersales.check.in"].search_count([]), count)
        self.assertEqual(self.vehicle.current_mileage, 30000)

    def test_signature_and_concerns_required(self):
        check_in = self.env["aftersales.check.in"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id, "odometer": 30500,
        })
        with self.assertRaisesRegex(UserError, "signs the check-in sheet"):
            check_in.action_sign()
        check_in.customer_signature = SIGNATURE
        with self.assertRaisesRegex(UserError, "at least one concern"):
            check_in.action_sign()
        with self.assertRaisesRegex(UserError, "sign the check-in sheet first"):
            check_in.action_create_work_order()
        check_in.concern_ids = [Command.create({"name": "空调不凉"})]
        check_in.action_sign()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            check_in.odometer = 31000

    def test_approval_needs_the_five_confirmations(self):
        order = self._order()
        order.job_ids.labour_hours = 1.0
        for field, value, missing in (
            ("confirm_jobs", True, "the jobs"),
            ("confirm_estimate", True, "the estimated cost"),
            ("promised_date", order.schedule_date, "the promised time"),
            ("confirm_promised_time", True, "the promised time"),
            ("replaced_parts_disposal", "dealer_disposes", "replaced parts"),
        ):
            with self.subTest(field=field), self.assertRaisesRegex(UserError, missing):
                order._record_approval("phone", "王小明")
            order[field] = value
        with self.assertRaisesRegex(UserError, "washed"):
            order._record_approval("phone", "王小明")
        order.car_wash = "no_wash"
        with self.assertRaisesRegex(UserError, "signature"):
            order._record_approval("in_person", "王小明")
        self.assertFalse(order.approval_ids)
        self.assertEqual(order.state, "draft")
        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")

    def test_work_cannot_start_without_approval(self):
        order = self._order()
        with self.assertRaisesRegex(UserError, "needs the customer's approval"):
            order.action_repair_start()

    def test_delivery_before_ready_refused(self):
        order = self._order()
        order.job_ids.labour_hours = 1.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertFalse(order.is_ready_for_delivery)
        self.assertIn("not finished", order.delivery_blockers)
        with self.assertRaisesRegex(UserError, "not ready for delivery"):
            order._record_delivery(41000, False, False)
        with self.assertRaisesRegex(UserError, "not ready for delivery"):
            order.with_user(self.cashier).action_settle()
        self.assertFalse(order.delivery_date)

    def test_over_tolerance_needs_new_approval(self):
        order = self._order()
        job = order.job_ids
        job.labour_hours = 1.0
        self._add_part(order, job, self.brake_pads, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        approved = order.amount_customer
        order.action_repair_start()
        # A second set of pads: +620 on 920 approved, beyond the 10 % tolerance.
        self._add_part(order, job, self.brake_pads, 1)
        self.assertGreater(order.amount_customer, approved * 1.1)
        self.assertEqual(order.approval_state, "reapproval")
        job.action_mark_done()
        self._end_repair(order)
        self.assertFalse(order.is_ready_for_delivery)
        self.assertIn("new approval", order.delivery_blockers)
        order._record_approval("phone", "王小明", kind="reapproval", jobs=self.env["aftersales.job"])
        self.assertEqual(order.approval_state, "approved")
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

    def test_within_tolerance_needs_nothing(self):
        order = self._order()
        job = order.job_ids
        job.labour_hours = 2.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        job.labour_hours = 2.2  # +10 %: still within the tolerance
        self.assertEqual(order.approval_state, "approved")

    def test_only_manager_allows_credit(self):
        order = self._order()
        with self.assertRaises(AccessError):
            order.with_user(self.cashier).action_allow_credit()
        with self.assertRaises(AccessError):
            order.action_allow_credit()

    def test_approved_job_cannot_be_deleted(self):
        order = self._order()
        order.job_ids.labour_hours = 1.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            order.job_ids.unlink()

    def test_internal_and_goodwill_booked_as_cost(self):
        order = self._order(("新车 PDI 检查", "免费更换雨刮"))
        pdi, wipers = order.job_ids.sorted("id")
        pdi.write({"labour_hours": 1.0, "payer": "internal"})
        wipers.write({"labour_hours": 0.5, "payer": "goodwill"})
        self._add_part(order, pdi, self.oil_filter, 1)
        self._confirm_five(order)
        order._record_approval("phone", "销售部 李经理")
        order.action_repair_start()
        (pdi | wipers).action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()
        entries = order.sudo().aftersales_invoice_ids
        self.assertEqual(set(entries.mapped("move_type")), {"entry"}, "no invoice for the dealer's own work")
        internal = entries.filtered(lambda move: move.aftersales_payer == "internal")
        expense = self.company.aftersales_internal_account_id
        debit = sum(internal.line_ids.filtered(lambda line: line.account_id == expense).mapped("debit"))
        self.assertAlmostEqual(debit, order.amount_internal, places=2)
        # Internal work: the internal labour rate, parts at cost.
        self.assertAlmostEqual(order.amount_internal, 150.0 + 25.0, places=2)

    def _settled_invoice(self, hours, rates):
        """A customer's order of one job per hour figure at the given rates, and an oil filter, settled."""
        order = self._order([f"项目 {index}" for index in range(len(hours))])
        jobs = order.job_ids.sorted("id")
        for job, job_hours, rate in zip(jobs, hours, rates, strict=True):
            job.write({"labour_hours": job_hours, "labour_rate": rate})
        self._add_part(order, jobs[0], self.oil_filter, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        jobs.action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()
        invoice = order.sudo().aftersales_invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.currency_id.compare_amounts(invoice.amount_total, order.amount_customer), 0,
                         "the invoice bills exactly what the order shows")
        return order, invoice

    def _labour_lines(self, invoice):
        return [(line.quantity, line.price_unit, line.price_total, line.aftersales_job_id)
                for line in invoice.invoice_line_ids.sorted("sequence")
                if line.product_id == self.env.ref("aftersales_reception.product_labour")]

    def test_invoice_carries_the_labour_at_each_rate_on_one_line(self):
        self.assertEqual(self.company.aftersales_invoice_labour, "rate", "the default")
        order, invoice = self._settled_invoice([1.0, 0.5, 1.5, 2.0], [300.0, 300.0, 300.0, 260.0])
        self.assertEqual(self._labour_lines(invoice), [
            (3.0, 300.0, 900.0, self.env["aftersales.job"]),
            (2.0, 260.0, 520.0, order.job_ids.sorted("id")[3]),  # alone at its rate: the line keeps its job
        ])
        self.assertEqual(invoice.invoice_line_ids.sorted("sequence")[0].name, "Labour: 3 jobs")
        self.assertEqual(invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.oil_filter)
                         .price_total, 58.0)
        self.assertAlmostEqual(invoice.amount_total, 900.0 + 520.0 + 58.0, places=2)
        self.assertEqual(set(invoice.invoice_line_ids.mapped("aftersales_repair_id")), {order})
        self.assertEqual(set(invoice.invoice_line_ids.mapped("vehicle_id")), {self.vehicle})

    def test_invoice_keeps_a_line_per_job_when_one_line_would_round_differently(self):
        # 0.35 h × 333.33 = 116.6655 is 116.67 per job, 233.34 for both; 0.70 h × 333.33 rounds to 233.33. It
        # matters where taxes are rounded per line, as the Chinese chart of accounts sets it.
        self.company.tax_calculation_rounding_method = "round_per_line"
        order, invoice = self._settled_invoice([0.35, 0.35], [333.33, 333.33])
        jobs = order.job_ids.sorted("id")
        self.assertEqual(self._labour_lines(invoice), [
            (0.35, 333.33, 116.67, jobs[0]), (0.35, 333.33, 116.67, jobs[1]),
        ])
        self.assertAlmostEqual(invoice.amount_total, 233.34 + 58.0, places=2)

    def test_invoice_with_a_labour_line_per_job(self):
        # Chosen in the after-sales settings.
        self.env["res.config.settings"].create({"aftersales_invoice_labour": "job"}).execute()
        self.assertEqual(self.company.aftersales_invoice_labour, "job")
        order, invoice = self._settled_invoice([1.0, 0.5], [300.0, 300.0])
        jobs = order.job_ids.sorted("id")
        self.assertEqual(self._labour_lines(invoice), [(1.0, 300.0, 300.0, jobs[0]), (0.5, 300.0, 150.0, jobs[1])])
        # Each job's labour, then its parts.
        self.assertEqual(invoice.invoice_line_ids.sorted("sequence").mapped("name")[:2],
                         [f"Labour: {jobs[0].name}", self.oil_filter.display_name])

    def _big_order(self, jobs=20, parts_per_job=2):
        order = self._order([f"项目 {index}" for index in range(jobs)])
        products = [self.oil_filter, self.engine_oil, self.brake_pads, self.water_pump]
        self.env["stock.move"].create([
            {
                "repair_id": order.id, "repair_line_type": "add", "product_id": products[(i + k) % 4].id,
                "product_uom_qty": 1, "aftersales_job_id": job.id,
            }
            for i, job in enumerate(order.job_ids)
            for k in range(parts_per_job)
        ])
        order.job_ids.write({"labour_hours": 0.5})
        self._confirm_five(order)
        return order

    @warmup
    def test_query_count_confirm_20_jobs_40_parts(self):
        order = self._big_order()
        self.assertEqual(len(order.move_ids), 40)
        self.env.invalidate_all()
        # As a request finds it: browsed by its id (a record reached through the check-in's cache would
        # prefetch nothing once the cache is cleared).
        order = order.browse(order.id)
        # Stock's confirmation and reservation take about 12 queries per part line;
        # the approval itself adds a handful (the approval rules, when installed, are read once per model).
        with self.assertQueryCount(__system__=499):
            order.sudo()._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")

    @warmup
    def test_query_count_settle_20_jobs_40_parts(self):
        order = self._big_order()
        order.sudo()._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self.env.invalidate_all()
        order = order.browse(order.id)  # as a request finds it
        # One invoice of 41 lines (the labour of the 20 jobs on one line, 40 parts), posted: Odoo looks up the
        # analytic defaults once per invoice line.
        with self.assertQueryCount(__system__=182):
            order.sudo().action_settle()
        self.assertEqual(len(order.sudo().aftersales_invoice_ids.invoice_line_ids), 41)

    def test_declined_work_releases_its_parts(self):
        order = self._order()
        order.job_ids.labour_hours = 1.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        pump = self.env["aftersales.job"].create({
            "repair_id": order.id, "name": "更换水泵", "labour_hours": 2.0, "is_additional": True,
        })
        part = self._add_part(order, pump, self.water_pump, 1)
        total = order.amount_customer
        with self.assertRaisesRegex(UserError, "Name who in the workshop"):
            pump._record_decision(False, "phone", decline_reason="太贵，下次再说")
        pump._record_decision(False, "phone", workshop_informed_user=self.technician, decline_reason="太贵，下次再说")
        self.assertEqual(part.state, "cancel")
        self.assertEqual(pump.parts_amount, 0.0)
        self.assertEqual(order.amount_customer, total, "declined work is not billed")
