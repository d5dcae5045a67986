from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestAccessoriesGroupOrder(VisitCase):
    """The monthly accessories order to the group (before the 5th): proposed from last month's sales and the
    stock, approved by the service manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accessories_clerk = new_test_user(cls.env, login="order_accessories_clerk", name="陈精品",
                                              groups="aftersales_accessories.group_accessories_clerk")
        cls.group_supplier = cls.env["res.partner"].create({"name": "浙江西湖汽车集团精品采购中心", "is_company": True})
        cls.company.aftersales_accessories_vendor_id = cls.group_supplier
        cls.floor_mats = cls._make_part("全包围脚垫 Floor mats", "5GG061500", 680.0, 300.0)
        cls.floor_mats.installation_hours = 0.25
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.dashcam.installation_hours = 1.5

    def _counter_sale(self, lines):
        order = self.env["sale.order"].create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "counter",
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})
                           for product, quantity in lines],
        })
        order.action_confirm()
        order.action_counter_deliver()
        return order

    def test_group_order_proposed_once_and_approved_by_the_manager(self):
        # November: 45 of the 50 floor mats and 2 dash cameras sold, and engine oil (not an accessory).
        with freeze_time(datetime(2026, 11, 10, 3, 0)):
            self._counter_sale([(self.floor_mats, 45), (self.dashcam, 2), (self.engine_oil, 4)])
        Proposal = self.env["aftersales.replenishment"]
        with freeze_time(datetime(2026, 11, 30, 17, 0)):  # 1 December, 01:00 in Hangzhou
            proposal = Proposal._cron_propose_group_orders()
        self.assertRecordValues(proposal, [{
            "kind": "accessories", "vendor_id": self.group_supplier.id, "date": date(2026, 12, 1), "months": 1,
            "order_deadline": date(2026, 12, 5), "state": "draft",
        }])
        # Mats: 45 sold a month, 5 left: below the minimum of one month (45), ordered up to two months (90): 85.
        # Dash cameras: 2 a month, 48 left: above the minimum, nothing to order. Engine oil is no accessory.
        self.assertRecordValues(proposal.line_ids.sorted("order_qty", reverse=True), [
            {"product_id": self.floor_mats.id, "consumption_qty": 45.0, "on_hand_qty": 5.0, "min_qty": 45.0,
             "max_qty": 90.0, "order_qty": 85.0},
            {"product_id": self.dashcam.id, "consumption_qty": 2.0, "on_hand_qty": 48.0, "min_qty": 2.0,
             "max_qty": 4.0, "order_qty": 0.0},
        ])
        # Run again the same month: no second proposal.
        with freeze_time(datetime(2026, 12, 2, 17, 0)):
            self.assertFalse(Proposal._cron_propose_group_orders())
        self.assertEqual(Proposal.search_count([("kind", "=", "accessories")]), 1)

        # The clerk reviews it; the service manager approves it: the purchase order to the group.
        proposal.with_user(self.accessories_clerk).action_compute()
        with self.assertRaises(AccessError):
            proposal.with_user(self.accessories_clerk).action_create_purchase()
        self.assertEqual(proposal.state, "draft")
        proposal.with_user(self.manager).action_create_purchase()
        self.assertEqual(proposal.state, "ordered")
        self.assertRecordValues(proposal.purchase_id.order_line, [{"product_id": self.floor_mats.id,
                                                                    "product_qty": 85.0}])
        self.assertEqual(proposal.purchase_id.partner_id, self.group_supplier)
