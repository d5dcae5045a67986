from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase

from .common import ApprovalTestMixin

RULES = ("work_order_discount", "work_order_goodwill", "work_order_amount", "additional_work_discount",
         "additional_work_goodwill", "additional_work_amount", "accessory_gift", "accessory_discount",
         "monthly_parts_order")


@tagged("post_install", "-at_install")
class TestApprovalRules(ApprovalTestMixin, VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(cls.env, login="tier_supervisor", name="陈志强",
                                       groups="aftersales_tier_validation.group_service_supervisor")
        cls.general_manager = new_test_user(cls.env, login="tier_general_manager", name="刘德明",
                                            groups="aftersales_tier_validation.group_general_manager")
        cls.parts_clerk = new_test_user(cls.env, login="tier_parts_clerk", name="周丽",
                                        groups="aftersales_parts.group_parts_clerk")
        cls.accessories_clerk = new_test_user(cls.env, login="tier_accessories_clerk", name="黄蕾",
                                              groups="aftersales_accessories.group_accessories_clerk")
        cls.rules = {key: cls.env.ref(f"aftersales_tier_validation.tier_definition_{key}") for key in RULES}
        # The service manager switches the handbook's rules on, in the rules' own screen.
        for rule in cls.rules.values():
            rule.with_user(cls.manager).active = True
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.dashcam.installation_hours = 1.5

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _draft_order(self, hours=(1.0, 2.0)):
        """A car checked in with one job per concern and their hours, the five confirmations made: the estimate
        waits for the customer's approval."""
        check_in = self._check_in(41000, ("保养", "刹车异响")[:len(hours)])
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, job_hours in zip(order.job_ids.sorted("id"), hours, strict=True):
            job.labour_hours = job_hours
        self._confirm_five(order)
        return order

    # ------------------------------------------------------------------
    # Work orders
    # ------------------------------------------------------------------

    def test_discount_needs_the_supervisor(self):
        order = self._draft_order()
        order.job_ids.sorted("id")[0].labour_rate = 240.0  # 20 % below the settings' 300 an hour
        self.assertEqual(order.aftersales_max_discount, 20.0)
        self.assertFalse(order.aftersales_has_goodwill)
        self.assertEqual(order.aftersales_estimate_amount, 840.0)  # 1 h at 240 + 2 h at 300

        with self.assertRaisesRegex(UserError, "needs approval first: Discount on labour or parts"):
            order.action_open_approval_wizard()
        with self.assertRaisesRegex(UserError, "needs approval first"):
            order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "draft")

        order.action_request_aftersales_approval()
        self.assertEqual(order.review_ids.definition_id, self.rules["work_order_discount"])
        self.assertEqual(order.validation_status, "pending")
        self.assertIn(self.supervisor, self._approvers_with_activity(order))
        self.assertNotIn(self.advisor, self._approvers_with_activity(order))
        self.assertIn("Approval requested by 张敏", self._notes(order))
        # The advisor may still settle the practicalities with the customer, not the prices.
        order.car_wash = "no_wash"
        with self.assertRaises(UserError):
            order.write({"job_ids": [Command.clear()]})

        # Neither the advisor nor the workshop can approve; the step keeps waiting.
        with self.assertRaisesRegex(AccessError, "You cannot approve or refuse"):
            order.validate_tier()
        with self.assertRaisesRegex(UserError, "waits for approval: Discount on labour or parts"):
            order._record_approval("phone", "王小明")

        self._decide(order, self.supervisor, True, "老客户，同意八折")
        self.assertEqual(order.validation_status, "validated")
        self.assertEqual(order.review_ids.done_by, self.supervisor)
        self.assertEqual(order.review_ids.comment, "老客户，同意八折")
        self.assertFalse(self._approvers_with_activity(order))
        self.assertIn("Approved by 陈志强: 老客户，同意八折", self._notes(order))

        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(sum(order.approval_ids.mapped("amount")), 840.0)

    def test_part_discount_needs_the_supervisor(self):
        order = self._draft_order(hours=(1.0,))
        move = self._add_part(order, order.job_ids, self.brake_pads, 1)
        self.assertEqual(order.aftersales_max_discount, 0.0)
        move.billing_price_unit = 558.0  # 10 % below the 620 list price
        self.assertEqual(order.aftersales_max_discount, 10.0)
        self.assertEqual(order.aftersales_estimate_amount, 858.0)  # 300 labour + 558 the pads
        with self.assertRaisesRegex(UserError, "Discount on labour or parts"):
            order._record_approval("phone", "王小明")

    def test_customer_supplied_part_is_no_discount(self):
        """A part the customer brought is charged nothing by design: no discount to approve."""
        order = self._draft_order(hours=(1.0,))
        move = self._add_part(order, order.job_ids, self.brake_pads, 1)
        move.aftersales_part_origin = "customer_supplied"
        self.assertEqual(move.billing_price_unit, 0.0)
        self.assertEqual(order.aftersales_max_discount, 0.0)
        self.assertEqual(order.aftersales_estimate_amount, 300.0)
        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")

    def test_goodwill_refused_then_approved_by_the_service_manager(self):
        order = self._draft_order()
        order.job_ids.sorted("id")[1].payer = "goodwill"
        self.assertTrue(order.aftersales_has_goodwill)
        order.action_request_aftersales_approval()
        self.assertEqual(order.review_ids.definition_id, self.rules["work_order_goodwill"])
        self.assertIn(self.manager, self._approvers_with_activity(order))
        self.assertNotIn(self.supervisor, self._approvers_with_activity(order))

        # The supervisor does not hold the service manager's role.
        with self.assertRaisesRegex(AccessError, "You cannot approve or refuse"):
            order.with_user(self.supervisor).reject_tier()

        self._decide(order, self.manager, False, "不属于质量问题，不能免费")
        self.assertEqual(order.validation_status, "rejected")
        self.assertFalse(self._approvers_with_activity(order))
        self.assertIn("Refused by 王建国: 不属于质量问题，不能免费", self._notes(order))
        with self.assertRaisesRegex(UserError, "was refused: Goodwill work – 王建国: 不属于质量问题，不能免费"):
            order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.approval_ids)

        # The advisor restarts the approval and asks again; the manager approves this time.
        order.restart_validation()
        self.assertFalse(order.review_ids)
        self.assertIn("Approval restarted by 张敏", self._notes(order))
        order.action_request_aftersales_approval()
        self._decide(order, self.manager, True, "三包期内，同意免费")
        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(order.amount_goodwill, 600.0)
        self.assertEqual(order.amount_customer, 300.0)

    def test_large_order_needs_the_service_manager(self):
        order = self._draft_order()
        self._add_part(order, order.job_ids.sorted("id")[1], self.bumper, 4)
        self.assertEqual(order.aftersales_estimate_amount, 10100.0)  # 900 labour + 4 × 2 300
        order.action_request_aftersales_approval()
        self.assertEqual(order.review_ids.definition_id, self.rules["work_order_amount"])
        self._decide(order, self.general_manager, True, "同意")  # the general manager holds the manager's role
        self.assertEqual(order.review_ids.done_by, self.general_manager)

        # Changed after its approval, the order asks for a new one.
        self._add_part(order, order.job_ids.sorted("id")[1], self.oil_filter, 1)
        with self.assertRaisesRegex(UserError, "changed since it was approved"):
            order._record_approval("phone", "王小明")
        order.restart_validation()
        order.action_request_aftersales_approval()
        self._decide(order, self.manager, True, "同意，含机滤")
        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(order.amount_total, 10158.0)

    # ------------------------------------------------------------------
    # Additional work found during the repair
    # ------------------------------------------------------------------

    def _additional_job(self, order, hours=2.0):
        """Work the technician found during the repair, waiting for the customer's decision."""
        return self.env["aftersales.job"].create({
            "repair_id": order.id, "name": "更换前刹车盘", "additional_reason": "刹车盘磨损超限",
            "labour_hours": hours, "added_hours": hours, "is_additional": True,
        })

    def test_additional_work_discount_refused_then_approved(self):
        order = self._approved_order()
        job = self._additional_job(order).with_user(self.advisor)
        job.labour_rate = 270.0  # 10 % below the customer rate of 300
        self.assertEqual(job.aftersales_max_discount, 10.0)
        # The advisor cannot put the discounted work to the customer before the supervisor approves it.
        with self.assertRaisesRegex(UserError, "needs approval first: Discount on additional work"):
            job._record_decision(True, "phone", self.technician)
        self.assertEqual(job.state, "proposed")

        job.action_request_aftersales_approval()
        self.assertEqual(job.review_ids.definition_id, self.rules["additional_work_discount"])
        self.assertIn(self.supervisor, self._approvers_with_activity(job))
        self.assertNotIn(self.advisor, self._approvers_with_activity(job))
        with self.assertRaisesRegex(UserError, "waits for approval"):
            job._record_decision(True, "phone", self.technician)
        # The figures under approval do not change while it is asked.
        with self.assertRaises(ValidationError):
            job.labour_rate = 250.0

        self._decide(job, self.supervisor, False, "追加项目不打折")
        self.assertEqual(job.validation_status, "rejected")
        self.assertIn("Refused by 陈志强: 追加项目不打折", self._notes(job))
        with self.assertRaisesRegex(UserError, "was refused: Discount on additional work – 陈志强: 追加项目不打折"):
            job._record_decision(True, "phone", self.technician)

        # The advisor restarts the approval and asks again; the supervisor approves this time.
        job.restart_validation()
        job.action_request_aftersales_approval()
        self._decide(job, self.supervisor, True, "老客户，同意九折")
        self.assertFalse(self._approvers_with_activity(job))
        promised = order.promised_date
        job._record_decision(True, "phone", self.technician)
        self.assertEqual(job.state, "approved")
        self.assertEqual(job.amount_total, 540.0)
        self.assertEqual(order.promised_date, promised + timedelta(hours=2), "the car is ready later")
        self.assertEqual(order.aftersales_estimate_amount, 1440.0)  # 900 + the additional 540

    def test_large_additional_work_needs_the_service_manager(self):
        order = self._approved_order()
        job = self._additional_job(order, hours=1.0)
        self._add_part(order, job, self.bumper, 5)
        self.assertEqual(job.amount_total, 11800.0)  # 300 labour + 5 × 2 300
        job = job.with_user(self.advisor)
        self.assertTrue(job.need_validation)
        job.action_request_aftersales_approval()
        self.assertEqual(job.review_ids.definition_id, self.rules["additional_work_amount"])
        with self.assertRaisesRegex(AccessError, "You cannot approve or refuse"):
            job.with_user(self.supervisor).validate_tier()
        # The customer may decline at any time: no approval is needed for that, and the reviews go.
        job._record_decision(False, "phone", self.technician, decline_reason="太贵，下次再修")
        self.assertEqual(job.state, "declined")
        self.assertFalse(job.review_ids)
        self.assertFalse(self._approvers_with_activity(job))

    def test_additional_work_within_the_rules_is_not_held(self):
        order = self._approved_order()
        job = self._additional_job(order).with_user(self.advisor)
        self.assertFalse(job.need_validation)
        job._record_decision(True, "phone", self.technician)
        self.assertEqual(job.state, "approved")
        self.assertFalse(job.review_ids)

    def test_rule_changed_in_the_ui_applies_at_once(self):
        order = self._draft_order()
        self._add_part(order, order.job_ids.sorted("id")[1], self.water_pump, 1)
        self.assertEqual(order.aftersales_estimate_amount, 2350.0)  # 900 labour + 1 450 the pump
        self.assertFalse(order.need_validation)

        # The service manager lowers the threshold to ¥2 000: the same order now needs approval.
        rule = self.rules["work_order_amount"].with_user(self.manager)
        rule.definition_domain = '[("is_aftersales", "=", True), ("aftersales_estimate_amount", ">", 2000)]'
        with self.assertRaisesRegex(UserError, "needs approval first: Work order above"):
            order._record_approval("phone", "王小明")
        # Switched off again, the rule no longer holds the order back.
        rule.active = False
        order._record_approval("phone", "王小明")
        self.assertEqual(order.state, "confirmed")

    def test_service_manager_keeps_only_after_sales_rules(self):
        rule = self.env["tier.definition"].with_user(self.manager).create({
            "name": "保养套餐八折以上", "model_id": self.env["ir.model"]._get_id("repair.order"),
            "review_type": "group", "reviewer_group_id": self.env.ref("aftersales_reception.group_service_manager").id,
            "definition_domain": '[("aftersales_max_discount", ">", 20)]',
        })
        self.assertTrue(rule.active)
        rule.definition_domain = '[("aftersales_max_discount", ">", 30)]'
        with self.assertRaises(AccessError):
            self.env["tier.definition"].with_user(self.manager).create({
                "name": "客户审批", "model_id": self.env["ir.model"]._get_id("res.partner"),
            })
        with self.assertRaises(AccessError):
            self.env["tier.definition"].with_user(self.advisor).create({
                "name": "x", "model_id": self.env["ir.model"]._get_id("repair.order"),
            })

    # ------------------------------------------------------------------
    # Accessories and the monthly parts order
    # ------------------------------------------------------------------

    def _accessory_sale(self, discount):
        return self.env["sale.order"].with_user(self.accessories_clerk).create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "accessory",
            "aftersales_vehicle_id": self.vehicle.id, "installation_payer": "customer",
            "installation_date": fields.Datetime.now() + timedelta(days=1),
            "order_line": [Command.create({"product_id": self.dashcam.id, "product_uom_qty": 1,
                                           "discount": discount})],
        })

    def test_accessory_gift_needs_the_general_manager(self):
        sale = self._accessory_sale(100.0)
        self.assertEqual(sale.aftersales_gift_amount, 1280.0)
        self.assertEqual(sale.aftersales_max_discount, 0.0)
        with self.assertRaisesRegex(UserError, "needs approval first: Accessory gift"):
            sale.action_confirm()
        sale.action_request_aftersales_approval()
        self.assertEqual(sale.review_ids.definition_id, self.rules["accessory_gift"])
        self.assertEqual(self._approvers_with_activity(sale) & (self.general_manager | self.manager),
                         self.general_manager)
        # The service manager is below the general manager: he cannot approve a gift.
        with self.assertRaises(AccessError):
            sale.with_user(self.manager).validate_tier()
        self._decide(sale, self.general_manager, True, "新车客户转介绍，赠送行车记录仪")
        sale.action_confirm()
        self.assertEqual(sale.state, "sale")
        self.assertTrue(sale.installation_repair_id)
        # The accessory paid on the sale is no discount of the installation order.
        self.assertEqual(sale.installation_repair_id.aftersales_max_discount, 0.0)

    def test_referral_discount_needs_the_service_manager(self):
        sale = self._accessory_sale(15.0)
        self.assertEqual(sale.aftersales_max_discount, 15.0)
        self.assertEqual(sale.aftersales_gift_amount, 0.0)
        sale.action_request_aftersales_approval()
        self.assertEqual(sale.review_ids.definition_id, self.rules["accessory_discount"])
        self._decide(sale, self.manager, False, "折扣超过权限")
        with self.assertRaisesRegex(UserError, "was refused"):
            sale.action_confirm()
        self.assertEqual(sale.state, "draft")

    def test_sale_without_rule_is_not_held(self):
        sale = self._accessory_sale(0.0)
        self.assertFalse(sale.need_validation)
        sale.action_confirm()
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.validation_status, "no")

    def test_monthly_parts_order_needs_the_service_manager(self):
        Replenishment = self.env["aftersales.replenishment"].with_user(self.parts_clerk)
        proposal = Replenishment.create({"vendor_id": self.manufacturer.id})
        self.env["aftersales.replenishment.line"].with_user(self.parts_clerk).create([
            {"replenishment_id": proposal.id, "product_id": self.oil_filter.id, "order_qty": 20},
            {"replenishment_id": proposal.id, "product_id": self.engine_oil.id, "order_qty": 40},
        ])
        with self.assertRaisesRegex(UserError, "needs approval first: Monthly parts order"):
            proposal.action_create_purchase()
        proposal.action_request_aftersales_approval()
        self.assertIn(self.manager, self._approvers_with_activity(proposal))
        with self.assertRaises(AccessError):
            proposal.with_user(self.supervisor).validate_tier()
        self._decide(proposal, self.manager, True, "按计划订货")
        self.assertFalse(self._approvers_with_activity(proposal))

        # A quantity changed after the approval needs a new one.
        proposal.line_ids.filtered(lambda line: line.product_id == self.engine_oil).order_qty = 60
        with self.assertRaisesRegex(UserError, "changed since it was approved"):
            proposal.action_create_purchase()
        proposal.line_ids.filtered(lambda line: line.product_id == self.engine_oil).order_qty = 40
        proposal.action_create_purchase()
        self.assertEqual(proposal.state, "ordered")
        self.assertEqual(sorted(proposal.purchase_id.order_line.mapped("product_qty")), [20.0, 40.0])
