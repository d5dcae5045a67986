from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestParts(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pads_v1 = cls._make_part("前刹车片（旧号）", "5QD698151", 600.0, 300.0)
        cls.pads_v2 = cls._make_part("前刹车片（中间号）", "5QD698151A", 610.0, 305.0)
        cls.pads_v3 = cls._make_part("前刹车片", "5QD698151B", 620.0, 310.0)
        cls.pads_v1.superseded_by_id = cls.pads_v2
        cls.pads_v2.superseded_by_id = cls.pads_v3

    def test_supersession_in_search_and_issue(self):
        self.assertEqual(self.pads_v1._latest_supersession(), self.pads_v3)
        found = [product_id for product_id, _name in self.env["product.product"].name_search("5QD698151", limit=5)]
        self.assertIn(self.pads_v3.id, found, "the old number leads to the newest part")
        check_in = self._check_in(41000, ["刹车异响"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        move = self._add_part(order, order.job_ids, self.pads_v1, 1)
        self.assertEqual(move.product_id, self.pads_v3, "the newest number is issued")

    def test_supersession_in_ordering(self):
        vendor = self.env["res.partner"].create({"name": "配件供应商"})
        purchase = self.env["purchase.order"].create({
            "partner_id": vendor.id,
            "order_line": [Command.create({"product_id": self.pads_v1.id, "product_qty": 2})],
        })
        self.assertEqual(purchase.order_line.product_id, self.pads_v3, "the old number is ordered as the newest")

    def test_supersession_cannot_loop(self):
        with self.assertRaisesRegex(ValidationError, "cannot supersede itself"):
            self.pads_v3.superseded_by_id = self.pads_v1

    def test_prices_per_payer(self):
        self.pads_v3.warranty_price = 480.0
        check_in = self._check_in(41000, ["刹车异响", "新车 PDI"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        warranty, internal = order.job_ids.sorted("id")
        warranty.payer = "warranty"
        internal.payer = "internal"
        self.assertEqual(self._add_part(order, warranty, self.pads_v3, 1).billing_price_unit, 480.0)
        self.assertEqual(self._add_part(order, internal, self.pads_v3, 1).billing_price_unit, 310.0, "at cost")
        customer_job = self.env["aftersales.job"].create({"repair_id": order.id, "name": "客户自费"})
        self.assertEqual(self._add_part(order, customer_job, self.pads_v3, 1).billing_price_unit, 620.0)
