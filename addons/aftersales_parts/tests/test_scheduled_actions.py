from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestScheduledActions(ScheduledRunMixin, VisitCase):
    """The stocktake planning killed in the middle and run again: no count twice, no warehouse forgotten."""

    def test_stocktake_planning_killed_and_run_again(self):
        self.env["stock.warehouse"].create([{"name": f"配件二库 {code}", "code": code, "company_id": self.company.id}
                                            for code in ("PJ2", "PJ3")])
        # sudo: the test sets up or reads beyond the role
        warehouses = self.env["stock.warehouse"].sudo().search([("lot_stock_id", "!=", False)], order="id")
        self.assertGreaterEqual(len(warehouses), 3)
        Stocktake = self.env["aftersales.stocktake"].sudo()  # sudo: the test sets up or reads beyond the role

        def full_counts():
            # The first month of a quarter of its own: a full count per warehouse stock.
            return [Stocktake.search_count([("location_id", "=", warehouse.lot_stock_id.id), ("kind", "=", "full"),
                                            ("scheduled_date", "=", "2029-01-31")])
                    for warehouse in warehouses]

        with freeze_time("2029-01-05 02:00:00", tick=True), self.small_batches(1):
            self.assertEqual(self.run_scheduled_action_killed("aftersales_parts.ir_cron_schedule_stocktakes"), [1])
            self.assertEqual(full_counts(), [1] + [0] * (len(warehouses) - 1))
            self.run_scheduled_action("aftersales_parts.ir_cron_schedule_stocktakes")
            self.assertEqual(full_counts(), [1] * len(warehouses))
            self.run_scheduled_action("aftersales_parts.ir_cron_schedule_stocktakes")
            self.assertEqual(full_counts(), [1] * len(warehouses), "one full count per warehouse and quarter")
