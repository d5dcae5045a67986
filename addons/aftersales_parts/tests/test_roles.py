from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestPartsRoles(VisitCase):
    """The parts clerk on reception's records: a stock user who reads the visit and keeps its parts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="roles_parts", groups="aftersales_parts.group_parts_clerk")

    def test_rights_on_reception_records(self):
        # The clerk keeps the store's reordering rules; the warehouse's set-up stays the inventory administrator's.
        self.assertRights(self.clerk, {
            **RECEPTION_READER_RIGHTS, "repair.order": "1111", "stock.warehouse.orderpoint": "1110",
            "stock.picking.type": "1000", "stock.location": "1000",
        })
        self.assertRights(self.technician, {"aftersales.replaced.part": "1110", "aftersales.parts.issue.sign": "1111"})

    def test_only_the_manager_deletes_a_work_order(self):
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        # Odoo's Inventory rights allow it; the after-sales order refuses all the same.
        self.assertTrue(self.env["repair.order"].with_user(self.clerk).has_access("unlink"))
        with self.assertRaisesRegex(AccessError, "Only the service manager can delete a work order"):
            order.with_user(self.clerk).unlink()
        self.assertTrue(order.exists())
