from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged, warmup

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestReplenishment(VisitCase):
    part_count = 30

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="planning_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="李库管")
        # A warehouse of its own, so that only the test's moves count.
        cls.warehouse = cls.env["stock.warehouse"].create({"name": "钱江配件库", "code": "QJ"})
        cls.stock_location = cls.warehouse.lot_stock_id
        for part in (cls.oil_filter, cls.engine_oil, cls.brake_pads, cls.water_pump, cls.bumper):
            cls.env["stock.quant"]._update_available_quantity(part, cls.stock_location, 50)
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.production = cls.oil_filter.property_stock_production
        cls.month_start = fields.Date.context_today(cls.env["res.users"]).replace(day=1)

    def _move(self, product, quantity, months_ago, source=None, destination=None):
        move = self.env["stock.move"].create({
            "product_id": product.id, "product_uom_qty": quantity,
            "location_id": (source or self.stock_location).id,
            "location_dest_id": (destination or self.production).id,
        })
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        move.date = fields.Datetime.to_datetime(self.month_start - relativedelta(months=months_ago, days=-3))
        return move

    def test_monthly_proposal_from_consumption(self):
        # Oil filters: 12 + 9 + 9 used in the last three months (one returned), 30 net → 10 a month.
        self._move(self.oil_filter, 12, 3)
        self._move(self.oil_filter, 10, 2, destination=self.customers)
        self._move(self.oil_filter, 1, 2, source=self.customers, destination=self.stock_location)
        self._move(self.oil_filter, 9, 1)
        # Water pumps: 6 in three months, stock down to 1 → 2 a month.
        self._move(self.water_pump, 6, 1)
        self._move(self.water_pump, 43, 0)  # this month: not averaged
        self._move(self.brake_pads, 5, 5)  # before the period
        self._move(self.bumper, 4, 1)  # bought from a body-parts supplier, not from the manufacturer
        self.bumper.seller_ids = [Command.create({"partner_id": self.insurer.id, "price": 1100.0})]
        # The oil filters have a reordering rule already: the proposal changes it rather than adding one.
        filter_rule = self.env["stock.warehouse.orderpoint"].create({
            "warehouse_id": self.warehouse.id, "location_id": self.warehouse.lot_stock_id.id,
            "product_id": self.oil_filter.id, "product_min_qty": 1.0, "product_max_qty": 2.0, "trigger": "manual",
        })
        proposal = self.env["aftersales.replenishment"].with_user(self.clerk).create({
            "vendor_id": self.manufacturer.id, "warehouse_id": self.warehouse.id, "months": 3,
            "min_months": 1.0, "max_months": 2.0,
        })
        proposal.action_compute()
        lines = {line.product_id: line for line in proposal.line_ids}
        self.assertEqual(set(lines), {self.oil_filter, self.water_pump}, "only parts used in the period")
        self.assertRecordValues(lines[self.oil_filter], [{
            "consumption_qty": 30.0, "average_qty": 10.0, "min_qty": 10.0, "max_qty": 20.0,
            "on_hand_qty": 50 - 12 - 10 + 1 - 9, "order_qty": 0.0,
        }])
        self.assertRecordValues(lines[self.water_pump], [{
            "consumption_qty": 6.0, "average_qty": 2.0, "min_qty": 2.0, "max_qty": 4.0,
            "on_hand_qty": 1.0, "forecast_qty": 1.0, "order_qty": 3.0,
        }])

        # The clerk keeps the store's reordering rules with his own rights.
        proposal.action_apply_orderpoints()
        orderpoint = lines[self.water_pump].orderpoint_id
        self.assertRecordValues(orderpoint, [{"product_min_qty": 2.0, "product_max_qty": 4.0,
                                              "warehouse_id": self.warehouse.id}])
        self.assertEqual(orderpoint.create_uid, self.clerk)
        self.assertEqual(lines[self.oil_filter].orderpoint_id, filter_rule)
        self.assertRecordValues(filter_rule, [{"product_min_qty": 10.0, "product_max_qty": 20.0}])
        proposal.action_create_purchase()
        self.assertEqual(proposal.state, "ordered")
        purchase = proposal.purchase_id
        self.assertEqual(purchase.partner_id, self.manufacturer)
        self.assertEqual(purchase.order_line.product_id, self.water_pump, "only what is under its minimum")
        self.assertEqual(purchase.order_line.product_qty, 3)
        with self.assertRaisesRegex(UserError, "already been ordered"):
            proposal.action_create_purchase()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            proposal.line_ids[:1].order_qty = 7

    def test_nothing_to_order(self):
        proposal = self.env["aftersales.replenishment"].with_user(self.clerk).create({
            "vendor_id": self.manufacturer.id, "warehouse_id": self.warehouse.id,
        })
        self._move(self.oil_filter, 3, 2)
        proposal.action_compute()
        self.assertEqual(proposal.line_ids.min_qty, 1.0)
        with self.assertRaisesRegex(UserError, "Nothing to order"):
            proposal.action_create_purchase()

    @warmup
    def test_compute_many_parts_bounded_queries(self):
        parts = self.env["product.product"].create([{
            "name": f"卡扣 Clip {index}", "default_code": f"5G0868243{index:02d}", "type": "consu",
            "is_storable": True, "standard_price": 3.0,
        } for index in range(self.part_count)])
        for part in parts:
            self.env["stock.quant"]._update_available_quantity(part, self.stock_location, 20)
        moves = self.env["stock.move"].create([{
            "product_id": part.id, "product_uom_qty": 6, "location_id": self.stock_location.id,
            "location_dest_id": self.production.id,
        } for part in parts])
        moves._action_confirm()
        moves._action_assign()
        moves.picked = True
        moves._action_done()
        moves.date = fields.Datetime.to_datetime(self.month_start - relativedelta(days=10))
        proposal = self.env["aftersales.replenishment"].create({
            "vendor_id": self.manufacturer.id, "warehouse_id": self.warehouse.id,
        })
        self.env.flush_all()
        self.env.invalidate_all()
        # Constant: 19 queries for 30 parts as for 60.
        with self.assertQueryCount(__system__=19):
            proposal.action_compute()
            self.env.flush_all()
        self.assertEqual(len(proposal.line_ids), self.part_count)
        self.assertEqual(proposal.line_ids[0].average_qty, 2.0)
