import psycopg2

from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from odoo.addons.aftersales_reception.tools import step_scope

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestKeyCabinet(VisitCase):
    """The key cabinet (钥匙柜): the key is taken and returned by the work order's steps, one take at a time."""

    def setUp(self):
        super().setUp()
        self.order = self._approved_order().with_user(self.advisor)
        self.order.parking_spot = "3号工位"

    def test_key_taken_and_returned(self):
        order = self.order
        wizard = Form(self.env["aftersales.key.take.wizard"].with_user(self.advisor).with_context(
            default_repair_id=order.id))
        wizard.purpose = "road_test"
        wizard.note = "试车"
        wizard.save().action_take_key()
        log = order.key_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual((log.vehicle_id, log.taken_by_id, log.purpose, log.note, log.returned_at),
                         (self.vehicle, self.advisor, "road_test", "试车", False))
        self.assertTrue(log.taken_at)
        self.assertEqual(order.key_holder_id, self.advisor)
        self.assertTrue(log.is_out)

        # The technician wants it too: the key is out with the advisor.
        with self.assertRaisesRegex(UserError, "already out: taken by 张敏"):
            order.with_user(self.technician).action_take_key("repair")
        self.assertEqual(len(order.key_log_ids), 1)

        # Whoever brings it back closes the take; then the technician takes it.
        order.with_user(self.technician).action_return_key()
        self.assertEqual(log.returned_by_id, self.technician)
        self.assertTrue(log.returned_at >= log.taken_at)
        self.assertFalse(order.key_holder_id)
        with self.assertRaisesRegex(UserError, "is in the key cabinet"):
            order.action_return_key()
        order.with_user(self.technician).action_take_key("repair")
        self.assertEqual(order.key_holder_id, self.technician)
        self.assertEqual(len(order.key_log_ids), 2)
        self.assertEqual(self.env["aftersales.key.log"].search_count([
            ("vehicle_id", "=", self.vehicle.id), ("is_out", "=", True)]), 1)

    def test_key_log_is_kept_by_its_steps(self):
        log = self.order.action_take_key("repair")
        Log = self.env["aftersales.key.log"]
        for user in (self.advisor, self.manager):
            with self.assertRaisesRegex(UserError, "kept by their business step"):
                log.with_user(user).write({"returned_at": log.taken_at})
            with self.assertRaisesRegex(UserError, "kept by their business step"):
                Log.with_user(user).create({
                    "repair_id": self.order.id, "vehicle_id": self.vehicle.id, "taken_by_id": user.id,
                    "taken_at": log.taken_at, "purpose": "repair",
                })
        with self.assertRaisesRegex(UserError, "kept by their business step"):
            log.with_user(self.manager).unlink()
        self.assertFalse(log.returned_at)
        self.assertEqual(len(self.order.key_log_ids), 1)

    @mute_logger("odoo.sql_db")
    def test_database_keeps_one_open_take_per_key(self):
        """Whatever the code path, the database keeps one open take per key."""
        log = self.order.action_take_key("repair")
        values = {"repair_id": self.order.id, "vehicle_id": self.vehicle.id, "taken_by_id": self.technician.id,
                  "taken_at": log.taken_at, "purpose": "repair"}
        with step_scope("test"), self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            self.env["aftersales.key.log"].create(values)
            self.env.flush_all()
        with step_scope("test"):
            # A closed take and a new one are fine.
            self.env["aftersales.key.log"].create({**values, "returned_at": log.taken_at})
            self.env.flush_all()

    def test_closed_order_takes_no_key(self):
        self.order.with_user(self.manager).action_repair_cancel()
        with self.assertRaisesRegex(UserError, "is closed"):
            self.order.action_take_key("repair")
        self.assertFalse(self.order.key_log_ids)

    def test_key_tag(self):
        html, _type = self.env["ir.actions.report"].with_user(self.advisor)._render_qweb_html(
            "aftersales_reception.action_report_key_tag", self.order.ids)
        html = html.decode()
        for expected in (self.order.name, "浙A·V0001", "3号工位", "王小明", "张敏", "Key Tag"):
            self.assertIn(expected, html)
