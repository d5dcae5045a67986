from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestPartsReports(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_parts_issue_required = False
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.customers = cls.env.ref("stock.stock_location_customers")

    def _empty_part(self, name, code, price, cost):
        part = self._make_part(name, code, price, cost)
        self.env["stock.quant"]._update_available_quantity(part, self.stock_location, -50)
        return part

    def _done_move(self, product, quantity, source, destination, months_ago):
        move = self.env["stock.move"].create({
            "product_id": product.id, "product_uom_qty": quantity,
            "location_id": source.id, "location_dest_id": destination.id,
        })
        move._action_confirm()
        move._action_assign()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        move.date = fields.Datetime.now() - relativedelta(months=months_ago)
        return move

    def _rows(self, model, **domain):
        self.env.flush_all()
        return self.env[model].search([(field, "=", value) for field, value in domain.items()])

    def test_shortage_report(self):
        check_in = self._check_in(41000, ["钣金喷漆"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        order.job_ids.labour_hours = 3.0
        self._add_part(order, order.job_ids, self.bumper, 60)
        self._add_part(order, order.job_ids, self.oil_filter, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        rows = self._rows("aftersales.parts.shortage.report", repair_id=order.id)
        self.assertEqual(len(rows), 1, "the filter is in stock: only the bumpers are short")
        self.assertRecordValues(rows, [{
            "product_id": self.bumper.id, "demand_qty": 60.0, "reserved_qty": 50.0, "missing_qty": 10.0,
            "vehicle_id": self.vehicle.id, "payer": "customer", "promised_date": order.promised_date,
        }])

    def test_stock_report_slow_movers_overstock_turnover(self):
        mover = self._empty_part("空调滤芯 Cabin filter", "5Q0819653", 120.0, 40.0)
        self._done_move(mover, 20, self.suppliers, self.stock_location, 8)
        self._done_move(mover, 10, self.stock_location, self.customers, 2)
        self.env["stock.warehouse.orderpoint"].create({
            "product_id": mover.id, "location_id": self.stock_location.id, "product_min_qty": 2,
            "product_max_qty": 4, "trigger": "manual",
        })
        sleeper = self._empty_part("尾门饰条 Tailgate trim", "5GM853481", 900.0, 500.0)
        self._done_move(sleeper, 3, self.suppliers, self.stock_location, 8)

        mover_row = self._rows("aftersales.parts.stock.report", product_id=mover.id)
        self.assertRecordValues(mover_row, [{
            "qty_on_hand": 10.0, "value": 400.0, "consumption_qty": 10.0, "average_qty": 5.0, "turnover": 2.0,
            "max_qty": 4.0, "overstock_qty": 6.0, "overstock_value": 240.0,
        }])
        self.assertLess(mover_row.idle_days, 90)
        sleeper_row = self._rows("aftersales.parts.stock.report", product_id=sleeper.id)
        self.assertRecordValues(sleeper_row, [{"qty_on_hand": 3.0, "consumption_qty": 0.0, "turnover": 0.0,
                                               "overstock_qty": 0.0}])
        self.assertGreaterEqual(sleeper_row.idle_days, 180)
        slow = self.env["aftersales.parts.stock.report"].search([("idle_days", ">=", 180), ("qty_on_hand", ">", 0)])
        self.assertIn(sleeper_row, slow)
        self.assertNotIn(mover_row, slow)

    def test_sales_by_payer_and_margin(self):
        check_in = self._check_in(41000, ["刹车异响", "机油滤清器渗油"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        customer_job, warranty_job = order.job_ids.sorted("id")
        warranty_job.payer = "warranty"
        order.job_ids.labour_hours = 1.0
        self._add_part(order, customer_job, self.brake_pads, 1)
        self._add_part(order, warranty_job, self.oil_filter, 2)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self.assertEqual(order.state, "done")

        rows = self._rows("aftersales.parts.sales.report", partner_id=self.customer.id)
        by_key = {(row.channel, row.payer, row.product_id): row for row in rows}
        self.assertEqual(len(rows), 2)
        self.assertRecordValues(by_key["workshop", "customer", self.brake_pads], [{
            "quantity": 1.0, "amount": 620.0, "cost": 310.0, "margin": 310.0, "repair_id": order.id,
        }])
        self.assertRecordValues(by_key["workshop", "warranty", self.oil_filter], [{
            "quantity": 2.0, "amount": 116.0, "cost": 50.0, "margin": 66.0,
        }])
        groups = self.env["aftersales.parts.sales.report"]._read_group(
            [("partner_id", "=", self.customer.id)], ["payer"], ["amount:sum", "margin:sum"],
        )
        self.assertEqual({payer: (amount, margin) for payer, amount, margin in groups}, {
            "customer": (620.0, 310.0), "warranty": (116.0, 66.0),
        })
