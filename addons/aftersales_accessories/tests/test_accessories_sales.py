from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestAccessoriesSales(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parts_clerk = new_test_user(cls.env, login="counter_clerk", name="李库管",
                                        groups="aftersales_parts.group_parts_clerk")
        cls.accessories_clerk = new_test_user(cls.env, login="accessories_clerk", name="陈精品",
                                              groups="aftersales_accessories.group_accessories_clerk")
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.dashcam.installation_hours = 1.5
        cls.floor_mats = cls._make_part("全包围脚垫 Floor mats", "5GG061500", 680.0, 300.0)
        cls.floor_mats.installation_hours = 0.25

    def _quantity(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    def test_counter_sale_delivered(self):
        form = Form(self.env["sale.order"].with_user(self.parts_clerk).with_context(
            default_aftersales_sale_kind="counter",
        ), view="aftersales_accessories.sale_order_view_form_counter")
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.engine_oil
            line.product_uom_qty = 4
        with form.order_line.new() as line:
            line.product_id = self.oil_filter
            line.product_uom_qty = 1
        order = form.save()
        self.assertEqual(order.aftersales_sale_kind, "counter")
        self.assertEqual(order.team_id, self.env.ref("aftersales_accessories.crm_team_parts_counter"))
        with self.assertRaisesRegex(UserError, "Confirm the sale"):
            order.action_counter_deliver()
        order.action_confirm()
        order.action_counter_deliver()
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(self._quantity(self.engine_oil), 46)
        self.assertEqual(self._quantity(self.oil_filter), 49)
        self.assertEqual(order.order_line.mapped("qty_delivered"), [4.0, 1.0])
        with self.assertRaisesRegex(UserError, "nothing left to deliver"):
            order.action_counter_deliver()

    def test_counter_sale_short(self):
        order = self.env["sale.order"].with_user(self.parts_clerk).create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "counter",
            "order_line": [Command.create({"product_id": self.water_pump.id, "product_uom_qty": 60})],
        })
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "Not enough in stock"):
            order.action_counter_deliver()
        self.assertEqual(self._quantity(self.water_pump), 50)

    def _accessory_sale(self, payer="customer", **values):
        return self.env["sale.order"].with_user(self.accessories_clerk).create({
            "partner_id": self.customer.id,
            "aftersales_sale_kind": "accessory",
            "aftersales_vehicle_id": self.vehicle.id,
            "installation_payer": payer,
            "installation_date": fields.Datetime.now() + timedelta(days=1),
            "order_line": [
                Command.create({"product_id": self.dashcam.id, "product_uom_qty": 1}),
                Command.create({"product_id": self.floor_mats.id, "product_uom_qty": 2}),
            ],
            **values,
        })

    def test_accessory_sale_creates_installation_order(self):
        order = self._accessory_sale(signature=SIGNATURE, signed_by="王小明")
        self.assertEqual(order.installation_hours, 2.0)
        order.action_confirm()
        repair = order.installation_repair_id
        self.assertTrue(repair)
        self.assertEqual(repair.vehicle_id, self.vehicle)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.promised_date, order.installation_date)
        self.assertEqual(repair.state, "confirmed", "the signed sale is the customer's approval")
        job = repair.job_ids
        self.assertEqual(len(job), 1)
        self.assertRecordValues(job, [{"payer": "customer", "labour_hours": 2.0, "state": "approved"}])
        self.assertEqual(job.move_ids.product_id, self.dashcam | self.floor_mats)
        self.assertEqual(sorted(job.move_ids.mapped("product_uom_qty")), [1.0, 2.0])
        self.assertFalse(any(job.move_ids.mapped("billing_price_unit")), "the accessories are paid on the sale")
        self.assertEqual(job.labour_amount, 2.0 * 300.0)
        self.assertFalse(order.picking_ids, "the accessories leave the store on the installation order")
        self.assertEqual(set(job.move_ids.mapped("state")), {"assigned"}, "reserved for the car")

    def test_accessory_sale_paid_by_sales_department(self):
        order = self._accessory_sale(payer="internal")
        order.action_confirm()
        job = order.installation_repair_id.job_ids
        self.assertEqual(job.payer, "internal")
        self.assertEqual(order.installation_repair_id.state, "draft", "unsigned: the advisor records the approval")

    def test_accessory_sale_cancelled(self):
        order = self._accessory_sale(signature=SIGNATURE, signed_by="王小明")
        order.action_confirm()
        repair = order.installation_repair_id
        self.assertEqual(self.dashcam.with_context(location=self.stock_location.id).free_qty, 49)
        order._action_cancel()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(self.dashcam.with_context(location=self.stock_location.id).free_qty, 50,
                         "the dash camera is free again")

    def test_accessory_sale_installed_cannot_be_cancelled(self):
        order = self._accessory_sale(signature=SIGNATURE, signed_by="王小明")
        order.action_confirm()
        order.installation_repair_id.action_repair_start()
        with self.assertRaisesRegex(UserError, "being or have been installed"):
            order._action_cancel()
        self.assertEqual(order.state, "sale")

    def test_accessory_sale_needs_car_and_time(self):
        order = self._accessory_sale(aftersales_vehicle_id=False)
        with self.assertRaisesRegex(UserError, "choose the customer's car"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")
        order.write({"aftersales_vehicle_id": self.vehicle.id, "installation_date": False})
        with self.assertRaisesRegex(UserError, "promise the customer a time"):
            order.action_confirm()
        self.assertFalse(self.env["repair.order"].search([("sale_order_id", "=", order.id)]))
