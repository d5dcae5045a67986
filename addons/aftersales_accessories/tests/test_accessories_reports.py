from datetime import timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestSalesReportChannels(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_parts_issue_required = False
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.dashcam.installation_hours = 1.5

    def _rows(self, **domain):
        self.env.flush_all()
        return self.env["aftersales.parts.sales.report"].search([(key, "=", value) for key, value in domain.items()])

    def test_counter_and_accessories_next_to_the_workshop(self):
        order = self._approved_order(concerns=("刹车异响",), hours=(1.0,))
        self._add_part(order, order.job_ids, self.brake_pads, 1)
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)

        counter = self.env["sale.order"].create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "counter",
            "order_line": [Command.create({"product_id": self.engine_oil.id, "product_uom_qty": 4})],
        })
        counter.action_confirm()
        counter.action_counter_deliver()

        accessory = self.env["sale.order"].create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "accessory",
            "aftersales_vehicle_id": self.vehicle.id, "installation_payer": "customer",
            "installation_date": fields.Datetime.now() + timedelta(days=1),
            "signature": SIGNATURE, "signed_by": "王小明",
            "order_line": [Command.create({"product_id": self.dashcam.id, "product_uom_qty": 1})],
        })
        accessory.action_confirm()
        installation = accessory.installation_repair_id
        self.assertFalse(self._rows(sale_order_id=accessory.id), "nothing counted before it is installed")
        installation.action_repair_start()
        installation.job_ids.action_mark_done()
        self._end_repair(installation)
        self.assertEqual(installation.state, "done")

        rows = self._rows(partner_id=self.customer.id)
        by_key = {(row.channel, row.product_id): row for row in rows}
        self.assertEqual(set(by_key), {
            ("workshop", self.brake_pads), ("counter", self.engine_oil), ("accessory", self.dashcam),
        }, "the dash camera fitted on the installation order is counted once, on its sale")
        self.assertRecordValues(by_key["workshop", self.brake_pads], [{
            "payer": "customer", "quantity": 1.0, "amount": 620.0, "cost": 310.0, "margin": 310.0,
            "repair_id": order.id, "sale_order_id": False,
        }])
        self.assertRecordValues(by_key["counter", self.engine_oil], [{
            "payer": "customer", "quantity": 4.0, "amount": 320.0, "cost": 180.0, "margin": 140.0,
            "sale_order_id": counter.id, "repair_id": False,
        }])
        self.assertRecordValues(by_key["accessory", self.dashcam], [{
            "payer": "customer", "quantity": 1.0, "amount": 1280.0, "cost": 700.0, "margin": 580.0,
            "sale_order_id": accessory.id, "repair_id": installation.id,
        }])
        groups = self.env["aftersales.parts.sales.report"]._read_group(
            [("partner_id", "=", self.customer.id)], ["channel"], ["amount:sum", "margin:sum"],
        )
        self.assertEqual({channel: (amount, margin) for channel, amount, margin in groups}, {
            "workshop": (620.0, 310.0), "counter": (320.0, 140.0), "accessory": (1280.0, 580.0),
        })
