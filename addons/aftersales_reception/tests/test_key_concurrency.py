from odoo import Command
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestKeyConcurrency(ConcurrencyCase):
    """Two users take the same key at the same moment: one take is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.session() as env:
            advisor, technician = (
                new_test_user(env, login=f"key_{login}", name=name, groups=f"aftersales_reception.group_{group}")
                for login, name, group in (("advisor", "张敏", "service_advisor"),
                                           ("technician", "刘师傅", "workshop_technician"))
            )
            cls._keep(advisor.partner_id, advisor, technician.partner_id, technician)
            brand = cls._keep(env["fleet.vehicle.model.brand"].create({"name": "Key Motors"}))
            car_model = cls._keep(env["fleet.vehicle.model"].create({"name": "Sedan K1", "brand_id": brand.id}))
            customer = cls._keep(env["res.partner"].create({"name": "王小明"}))
            vehicle = cls._keep(env["fleet.vehicle"].create({
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": car_model.id,
                "license_plate": "浙A·K0001",
            }))
            order = cls._keep(env["repair.order"].create({
                "vehicle_id": vehicle.id, "partner_id": customer.id, "user_id": advisor.id,
                "job_ids": [Command.create({"name": "保养", "labour_hours": 1.0, "payer": "customer"})],
            }))
            cls._keep(order.job_ids)
            cls.advisor, cls.technician, cls.order = advisor.id, technician.id, order.id

    def _open_takes(self):
        with self.session() as env:
            logs = env["aftersales.key.log"].search([("repair_id", "=", self.order), ("returned_at", "=", False)])
            return [log.taken_by_id.id for log in logs]

    def _purge_logs(self):
        with self.session() as env:
            ids = env["aftersales.key.log"].search([("repair_id", "=", self.order)]).ids
        self.purge(("aftersales.key.log", ids))

    @mute_logger("odoo.sql_db")
    def test_key_taken_twice_at_once(self):
        self.addCleanup(self._purge_logs)
        with self.session(self.advisor) as env_a:
            env_a["repair.order"].browse(self.order).action_take_key("road_test")
            with self.session(self.technician) as env_b, \
                    self.assertRaisesRegex(UserError, "is being changed by another user right now"):
                env_b["repair.order"].browse(self.order).action_take_key("repair")
        self.assertEqual(self._open_takes(), [self.advisor])

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_key_taken_after_a_stale_read(self):
        """The technician opened the order before the advisor's take was committed: his take is refused."""
        self.addCleanup(self._purge_logs)
        with self.session(self.technician) as env_b:
            order_b = env_b["repair.order"].browse(self.order)
            self.assertFalse(order_b.key_holder_id)  # the technician's snapshot starts here
            with self.session(self.advisor) as env_a:
                env_a["repair.order"].browse(self.order).action_take_key("road_test")
            with self.assertRaisesRegex(UserError, "already out"):
                retrying(lambda: order_b.action_take_key("repair"), env_b)
        self.assertEqual(self._open_takes(), [self.advisor])
