from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import use_chinese


@tagged("post_install", "-at_install")
class TestStocktakeTour(HttpCase):
    def test_clerk_counts_a_shelf(self):
        clerk = new_test_user(self.env, login="tour_parts_clerk", groups="aftersales_parts.group_parts_clerk")
        use_chinese(self.env, clerk)
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1).lot_stock_id
        shelf = self.env["stock.location"].create({"name": "T-99", "location_id": stock.id, "usage": "internal"})
        part = self.env["product.product"].create({
            "name": "火花塞 Spark plug", "default_code": "101905631H", "type": "consu", "is_storable": True,
            "standard_price": 45.0,
        })
        self.env["stock.quant"]._update_available_quantity(part, shelf, 10)
        stocktake = self.env["aftersales.stocktake"].create({
            "location_id": shelf.id, "kind": "cycle", "product_ids": [Command.set(part.ids)],
        })
        self.start_tour("/odoo/action-aftersales_parts.aftersales_stocktake_action", "aftersales_stocktake_count",
                        login="tour_parts_clerk")
        self.assertEqual(stocktake.state, "to_approve")
        self.assertEqual(stocktake.line_ids.counted_qty, 8)
        self.assertEqual(stocktake.amount_loss, 90.0)
