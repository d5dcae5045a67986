from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestAppointmentParts(VisitCase):
    """The parts named on an appointment are reserved before the visit and ordered when short."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="appointment_parts_clerk", name="孙立",
                                  groups="aftersales_parts.group_parts_clerk")
        cls.company.write({"aftersales_deposit_min_price": 1000.0, "aftersales_deposit_percent": 50.0})
        cls.vendor = cls.env["res.partner"].create({"name": "一汽-大众配件中心", "is_company": True})
        # Not in stock: ordered from its vendor.
        cls.mirror = cls.env["product.product"].create({
            "name": "左后视镜 Left mirror", "default_code": "5G1857507", "type": "consu", "is_storable": True,
            "list_price": 680.0, "standard_price": 400.0,
            "seller_ids": [Command.create({"partner_id": cls.vendor.id, "price": 400.0})],
        })

    def _book(self, parts, hour_utc=1):
        return self.env["aftersales.appointment"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id,
            "start_date": self._next_monday(hour_utc=hour_utc),
            "requested_services": "刹车异响；左后视镜破损",
            "part_line_ids": [Command.create({"product_id": product.id, "quantity": quantity})
                              for product, quantity in parts],
        })

    def _free(self, product):
        return product.with_context(location=self.stock_location.id).free_qty

    def test_reserve_and_order_then_release_on_cancel(self):
        appointment = self._book([(self.brake_pads, 2), (self.mirror, 1)])
        self.assertEqual(appointment.parts_reservation_state, "to_reserve")
        self.assertEqual(self._free(self.brake_pads), 50.0)
        appointment.with_user(self.clerk).action_reserve_parts()

        picking = appointment.reservation_picking_id
        pads_move = picking.move_ids.filtered(lambda move: move.product_id == self.brake_pads)
        mirror_move = picking.move_ids.filtered(lambda move: move.product_id == self.mirror)
        self.assertEqual((pads_move.product_uom_qty, pads_move.quantity, pads_move.state), (2.0, 2.0, "assigned"))
        self.assertEqual((mirror_move.product_uom_qty, mirror_move.quantity), (1.0, 0.0))
        self.assertEqual(self._free(self.brake_pads), 48.0, "two pads held for the visit")
        self.assertEqual(picking.origin, appointment.name)
        self.assertEqual(picking.create_uid, self.clerk, "the clerk reserves with his own rights")
        purchase = appointment.reservation_purchase_ids
        self.assertEqual(len(purchase), 1)
        self.assertEqual((purchase.partner_id, purchase.origin, purchase.state),
                         (self.vendor, appointment.name, "draft"))
        self.assertEqual([(line.product_id, line.product_qty, line.price_unit) for line in purchase.order_line],
                         [(self.mirror, 1.0, 400.0)])
        note = appointment.message_ids[:1].body
        self.assertIn(picking.name, note)
        self.assertIn(purchase.name, note)

        with self.assertRaisesRegex(UserError, "already reserved"):
            appointment.with_user(self.clerk).action_reserve_parts()
        with self.assertRaisesRegex(UserError, "already reserved"):
            appointment.part_line_ids[:1].with_user(self.advisor).quantity = 3

        appointment.with_user(self.advisor).action_cancel()
        self.assertEqual(picking.state, "cancel")
        self.assertEqual(appointment.parts_reservation_state, "released")
        self.assertEqual(self._free(self.brake_pads), 50.0, "the pads are free again")

    def test_reservation_handed_over_to_the_work_order(self):
        appointment = self._book([(self.brake_pads, 2)])
        appointment.with_user(self.advisor).action_reserve_parts()  # below the deposit price: no deposit
        picking = appointment.reservation_picking_id
        self.assertEqual(appointment.parts_reservation_state, "reserved")
        self.assertFalse(appointment.reservation_purchase_ids, "all in stock: nothing ordered")
        self.assertEqual(self._free(self.brake_pads), 48.0)

        order = self._work_order_from_appointment(appointment)
        job = order.job_ids[:1]
        job.labour_hours = 1.0
        move = self._add_part(order, job, self.brake_pads, 2)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertEqual(picking.state, "cancel", "the order takes the appointment's pads over")
        self.assertEqual((move.quantity, move.state), (2.0, "assigned"))
        self.assertEqual(self._free(self.brake_pads), 48.0, "held once, by the order")

    def test_deposit_first_and_rights(self):
        appointment = self._book([(self.water_pump, 1)])
        self.assertEqual(appointment.deposit_due, 725.0)
        with self.assertRaisesRegex(UserError, "Take the deposit"):
            appointment.with_user(self.clerk).action_reserve_parts()
        with self.assertRaises(AccessError):
            appointment.with_user(self.technician).action_reserve_parts()
        self.assertFalse(appointment.reservation_picking_id)
        self.assertEqual(self._free(self.water_pump), 50.0)
        empty = self._book([], hour_utc=2)
        with self.assertRaisesRegex(UserError, "names no parts"):
            empty.with_user(self.clerk).action_reserve_parts()
