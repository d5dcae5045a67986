from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.aftersales_reception.tests.common_concurrency import ConcurrencyCase
from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestPartsConcurrency(ConcurrencyCase):
    """The same issue note validated by two parts clerks at the same moment: the parts leave the store once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.session() as env:
            users = [new_test_user(env, login=f"concurrency_{login}", name=name, groups=group)
                     for login, name, group in (
                         ("clerk", "陈丽", "aftersales_parts.group_parts_clerk"),
                         ("clerk2", "周静", "aftersales_parts.group_parts_clerk"),
                         ("technician", "刘伟", "aftersales_reception.group_workshop_technician"),
                         ("advisor", "张敏", "aftersales_reception.group_service_advisor"),
                     )]
            for user in users:
                cls._keep(user.partner_id, user)
            cls.clerk, cls.clerk2, cls.technician, cls.advisor = (user.id for user in users)
            brand = cls._keep(env["fleet.vehicle.model.brand"].create({"name": "Concurrency Motors"}))
            car_model = cls._keep(env["fleet.vehicle.model"].create({"name": "Sedan C1", "brand_id": brand.id}))
            customer = cls._keep(env["res.partner"].create({"name": "王小明"}))
            cls.customer = customer.id
            cls.vehicle = cls._keep(env["fleet.vehicle"].create({
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": car_model.id,
                "license_plate": "浙A·C0003",
            })).id
            product = env["product.product"].create({
                "name": "前刹车片 Front brake pads (concurrency)", "default_code": "CONC-5QD698151",
                "type": "consu", "is_storable": True, "list_price": 620.0, "standard_price": 310.0,
            })
            cls._keep(product.product_tmpl_id, product)
            cls.product = product.id
            cls.stock_location = env["stock.warehouse"].search(
                [("company_id", "=", env.company.id)], limit=1).lot_stock_id.id
            env["stock.quant"]._update_available_quantity(product, env["stock.location"].browse(cls.stock_location),
                                                         10)

    def _on_hand(self):
        with self.session() as env:
            return env["product.product"].browse(self.product).with_context(
                location=self.stock_location).qty_available

    def _signed_issue_note(self, quantity):
        """A committed, approved work order needing ``quantity`` pads, and its issue note signed by the technician."""
        with self.session(self.advisor) as env:
            order = env["repair.order"].create({
                "vehicle_id": self.vehicle, "partner_id": self.customer,
                "job_ids": [Command.create({"name": "刹车异响", "labour_hours": 1.0, "payer": "customer"})],
            })
            env["stock.move"].create({
                "repair_id": order.id, "repair_line_type": "add", "product_id": self.product,
                "product_uom_qty": quantity, "aftersales_job_id": order.job_ids.id,
            })
            VisitCase._confirm_five(self, order)
            order._record_approval("phone", "王小明")
            self.purge_later(order)
            order_id = order.id
        with self.session(self.clerk) as env:
            note = env["repair.order"].browse(order_id)._create_parts_note("issue")
        with self.session(self.technician) as env:
            env["aftersales.parts.issue"].browse(note.id)._technician_sign(SIGNATURE)
        return note.id

    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_issue_note_validated_twice_at_once(self):
        note_id = self._signed_issue_note(2)
        self.assertEqual(self._on_hand(), 10)

        def validate(env):
            return env["aftersales.parts.issue"].browse(note_id).action_validate()

        with self.session(self.clerk) as env_a:
            validate(env_a)
            env_a.flush_all()
            # The second clerk's request validates the same note before the first one is committed: it
            # waits for the first one's moves, then (Odoo retries the request) finds the note validated.
            second = self.run_in_thread(self.clerk2, validate)
            self.wait_until_blocked(second)
        second.join(60)
        self.assertFalse(second.is_alive())
        self.assertIsInstance(second.error, UserError, f"validated twice: {second.result}")
        self.assertIn("already validated", str(second.error))
        self.assertEqual(self._on_hand(), 8, "the pads left the store once")
        with self.session() as env:
            note = env["aftersales.parts.issue"].browse(note_id)
            self.assertEqual((note.state, note.clerk_id.id), ("done", self.clerk))
            moves = env["stock.move"].search([("product_id", "=", self.product), ("state", "=", "done")])
            self.assertEqual([(m.quantity, m.location_id.id) for m in moves], [(2.0, self.stock_location)])
