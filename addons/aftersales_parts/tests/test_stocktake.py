from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged, warmup

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestStocktake(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="parts_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="李库管")
        cls.bin_location = cls.env["stock.location"].create({
            "name": "A-01", "location_id": cls.stock_location.id, "usage": "internal",
        })
        cls.env["stock.quant"]._update_available_quantity(cls.oil_filter, cls.bin_location, 10)

    def _quantity(self, product, location=None):
        return sum(self.env["stock.quant"].search([
            ("product_id", "=", product.id), ("location_id", "=", (location or self.stock_location).id),
        ]).mapped("quantity"))

    def _counted_stocktake(self, counts, products=None):
        stocktake = self.env["aftersales.stocktake"].with_user(self.clerk).create({
            "location_id": self.stock_location.id,
            "kind": "cycle",
            "product_ids": [Command.set((products or (self.oil_filter | self.brake_pads)).ids)],
        })
        stocktake.action_start_count()
        for line in stocktake.line_ids:
            line.counted_qty = counts[line.product_id, line.location_id]
        return stocktake

    def test_discrepancy_approved_by_manager(self):
        stocktake = self._counted_stocktake({
            (self.oil_filter, self.stock_location): 48.0,
            (self.oil_filter, self.bin_location): 10.0,
            (self.brake_pads, self.stock_location): 51.0,
        })
        self.assertEqual(stocktake.state, "counting")
        self.assertEqual(len(stocktake.line_ids), 3, "every quant of the selected parts, sub-locations included")
        self.assertFalse(stocktake.line_ids.product_id - (self.oil_filter | self.brake_pads))
        stocktake.action_submit()
        self.assertEqual(stocktake.state, "to_approve")
        self.assertEqual(stocktake.discrepancy_count, 2)
        self.assertEqual(stocktake.amount_loss, 2 * 25.0)
        self.assertEqual(stocktake.amount_gain, 310.0)
        self.assertEqual(stocktake.amount_difference, 310.0 - 50.0)
        # Nothing is applied before the manager approves.
        self.assertEqual(self._quantity(self.oil_filter), 50)
        with self.assertRaisesRegex(AccessError, "Only the service manager"):
            stocktake.with_user(self.clerk).action_approve()
        self.assertEqual(self._quantity(self.oil_filter), 50)
        self.assertEqual(stocktake.state, "to_approve")

        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_parts.report_stocktake_discrepancy", stocktake.ids
        )[0].decode()
        self.assertIn("5QD698151", html, "the discrepancy report lists the pads")
        self.assertNotIn("A-01", html, "and not the filters counted right on shelf A-01")
        sheet = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_parts.report_stocktake_sheet", stocktake.ids
        )[0].decode()
        self.assertIn("A-01", sheet)
        self.assertNotIn("50.00", sheet, "a blind count sheet shows no book quantity")

        stocktake.with_user(self.manager).action_approve()
        self.assertEqual(stocktake.state, "done")
        self.assertEqual(stocktake.approved_by_id, self.manager)
        self.assertEqual(self._quantity(self.oil_filter), 48)
        self.assertEqual(self._quantity(self.oil_filter, self.bin_location), 10)
        self.assertEqual(self._quantity(self.brake_pads), 51)
        self.assertEqual(len(stocktake.stock_move_ids), 2, "one adjustment per discrepancy")
        with self.assertRaisesRegex(UserError, "applied stocktake cannot be cancelled"):
            stocktake.action_cancel()

    def test_moves_after_count_are_kept(self):
        stocktake = self._counted_stocktake({
            (self.oil_filter, self.stock_location): 49.0,
            (self.oil_filter, self.bin_location): 10.0,
            (self.brake_pads, self.stock_location): 50.0,
        })
        stocktake.action_submit()
        # Five filters leave the store between the count and the approval.
        self.env["stock.quant"]._update_available_quantity(self.oil_filter, self.stock_location, -5)
        stocktake.with_user(self.manager).action_approve()
        self.assertEqual(self._quantity(self.oil_filter), 44, "counted 49, then 5 went out")

    def test_guards(self):
        stocktake = self.env["aftersales.stocktake"].with_user(self.clerk).create({
            "location_id": self.stock_location.id, "kind": "full",
        })
        with self.assertRaisesRegex(UserError, "only be entered while"):
            stocktake.line_ids.create({
                "stocktake_id": stocktake.id, "product_id": self.oil_filter.id,
                "location_id": self.stock_location.id, "counted_qty": 3,
            }).counted_qty = 4
        stocktake.action_start_count()
        self.assertGreaterEqual(len(stocktake.line_ids), 6, "a full count covers every part of the location")
        with self.assertRaisesRegex(UserError, "Count every line"):
            stocktake.action_submit()
        with self.assertRaisesRegex(UserError, "already started"):
            stocktake.action_start_count()
        with self.assertRaisesRegex(UserError, "fixed once the count has started"):
            stocktake.kind = "cycle"
        with self.assertRaisesRegex(UserError, "Only a submitted stocktake"):
            stocktake.with_user(self.manager).action_approve()

    def test_other_company_stocktakes_hidden(self):
        other = self.env["res.company"].create({"name": "宁波一汽-大众4S店"})
        other_location = self.env["stock.warehouse"].search([("company_id", "=", other.id)], limit=1).lot_stock_id
        self.env["aftersales.stocktake"].create({
            "company_id": other.id, "location_id": other_location.id, "kind": "full",
        })
        visible = self.env["aftersales.stocktake"].with_user(self.clerk).search([])
        self.assertFalse(visible.filtered(lambda st: st.company_id == other))
        with self.assertRaisesRegex(UserError, "location|company|公司|Incompatible"):
            self.env["aftersales.stocktake"].create({"location_id": other_location.id, "kind": "full"})

    def test_part_found_without_stock(self):
        spare = self._make_part("雨刮片 Wiper blade", "5G1955425", 160.0, 70.0)
        self.env["stock.quant"]._update_available_quantity(spare, self.stock_location, -50)
        stocktake = self._counted_stocktake({(spare, self.stock_location): 3.0}, products=spare)
        stocktake.action_submit()
        stocktake.with_user(self.manager).action_approve()
        self.assertEqual(self._quantity(spare), 3)

    def test_scheduled_counts(self):
        customer_location = self.env.ref("stock.stock_location_customers")
        move = self.env["stock.move"].create({
            "product_id": self.brake_pads.id, "product_uom_qty": 2, "location_id": self.stock_location.id,
            "location_dest_id": customer_location.id,
        })
        move._action_confirm()
        move._action_assign()
        move.picked = True
        move._action_done()
        Stocktake = self.env["aftersales.stocktake"]
        # A quarter of its own, away from the counts the dealership already planned.
        today = fields.Date.context_today(Stocktake) + relativedelta(years=2)
        quarter_start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
        second_month = quarter_start + relativedelta(months=1, days=4)
        move.date = fields.Datetime.to_datetime(quarter_start) - relativedelta(days=10)

        full = Stocktake._cron_schedule_stocktakes(today=quarter_start).filtered(
            lambda st: st.location_id == self.stock_location
        )
        self.assertEqual(full.kind, "full", "the first month of a quarter counts everything")
        self.assertEqual(full.scheduled_date, quarter_start + relativedelta(months=1, days=-1))
        cycle = Stocktake._cron_schedule_stocktakes(today=second_month).filtered(
            lambda st: st.location_id == self.stock_location
        )
        self.assertEqual(cycle.kind, "cycle", "the other months count the most-moved parts")
        self.assertIn(self.brake_pads, cycle.product_ids)
        self.assertEqual(cycle.scheduled_date.month, second_month.month)
        again = Stocktake._cron_schedule_stocktakes(today=second_month)
        self.assertFalse(again.filtered(lambda st: st.location_id == self.stock_location), "one per period")


@tagged("post_install", "-at_install")
class TestStocktakePerformance(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shelf = cls.env["stock.location"].create({
            "name": "B-02", "location_id": cls.stock_location.id, "usage": "internal",
        })
        cls.parts = cls.env["product.product"].create([{
            "name": f"螺栓 Bolt M{index}", "default_code": f"N{index:07d}", "type": "consu", "is_storable": True,
            "standard_price": 2.0 + index,
        } for index in range(40)])
        for part in cls.parts:
            cls.env["stock.quant"]._update_available_quantity(part, cls.shelf, 10)

    @warmup
    def test_count_forty_parts_bounded_queries(self):
        stocktake = self.env["aftersales.stocktake"].create({"location_id": self.shelf.id, "kind": "full"})
        self.env.flush_all()
        with self.assertQueryCount(__system__=10):
            stocktake.action_start_count()
            self.env.flush_all()
        self.assertEqual(len(stocktake.line_ids), len(self.parts))
        with self.assertQueryCount(__system__=34):
            stocktake._record_count_differences({self.parts[0].id: -1.0})
            stocktake.action_submit()
            self.env.flush_all()
        self.assertEqual(stocktake.discrepancy_count, 1)
