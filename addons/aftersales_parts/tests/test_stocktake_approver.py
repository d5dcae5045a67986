from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase

MANAGER_ROLE = "aftersales_reception.group_service_manager"


@tagged("post_install", "-at_install")
class TestStocktakeApprover(VisitCase):
    """The counted stocktake's approval lands on the service manager's to-do list, not the administrator's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="approver_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="李库管")
        cls.admin = cls.env.ref("base.user_admin")
        # The service managers of the company are the test's and the administrator (who holds every role).
        role = cls.env.ref(MANAGER_ROLE)
        others = role.all_user_ids.filtered(
            lambda user: user not in (cls.manager, cls.admin) and not user._is_superuser()
        )
        # Also the roles above it (a general manager holds the service manager's role).
        others.write({"group_ids": [Command.unlink(group.id) for group in role.all_implied_by_ids]})

    def _submitted_stocktake(self):
        """The clerk counts one filter short and hands the sheet in."""
        stocktake = self.env["aftersales.stocktake"].with_user(self.clerk).create({
            "location_id": self.stock_location.id, "kind": "cycle",
            "product_ids": [Command.set(self.oil_filter.ids)],
        })
        stocktake.action_start_count()
        stocktake.line_ids.counted_qty = 49.0
        stocktake.action_submit()
        self.assertEqual((stocktake.state, stocktake.discrepancy_count, stocktake.amount_loss), ("to_approve", 1, 25.0))
        return stocktake

    def test_approval_goes_to_the_service_manager(self):
        self.assertTrue(self.admin.has_group(MANAGER_ROLE), "the administrator holds the role too")
        stocktake = self._submitted_stocktake()
        activity = stocktake.activity_ids
        self.assertEqual(
            (activity.user_id, activity.activity_type_id, activity.summary),
            (self.manager, self.env.ref("mail.mail_activity_data_todo"), "Approve the stocktake discrepancies"),
        )
        # On the manager's own list of to-dos; he approves, the to-do is done.
        mine = self.env["mail.activity"].with_user(self.manager).search([("user_id", "=", self.manager.id)])
        self.assertIn(activity, mine)
        stocktake.with_user(self.manager).action_approve()
        self.assertEqual((stocktake.state, stocktake.approved_by_id), ("done", self.manager))
        self.assertFalse(stocktake.activity_ids)

    def test_administrator_approves_where_no_one_else_is_manager(self):
        self.manager.write({"group_ids": [Command.unlink(self.env.ref(MANAGER_ROLE).id)]})
        stocktake = self._submitted_stocktake()
        self.assertEqual(stocktake.activity_ids.user_id, self.admin)
