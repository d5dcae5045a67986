from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestScheduledActions(ScheduledRunMixin, WarrantyCase):
    """The claim deadlines' run killed in the middle and run again: nothing twice, nothing lost."""

    def test_claim_deadlines_killed_and_run_again(self):
        self.env["res.users"].browse(self.clerk.id).company_ids = self.company
        claims = self.env["aftersales.warranty.claim"]
        for days in (40, 39, 38):
            action = self._pump_order(settle=False).with_user(self.clerk).action_create_warranty_claim()
            claim = self.env["aftersales.warranty.claim"].browse(action["res_id"])
            claim.repair_end = fields.Datetime.now() - timedelta(days=days)  # past its deadline
            claims |= claim
        clerks = self.env["res.users"]._aftersales_role_users("aftersales_warranty.group_warranty_clerk", self.company)
        self.assertIn(self.clerk, clerks)

        def reminders():
            return [(claim.is_overdue,
                     len(claim.activity_ids.filtered(lambda a: (a.summary or "").startswith("Submit claim"))))
                    for claim in claims]

        self.assertEqual(reminders(), [(False, 0)] * 3)
        with self.small_batches(1):
            self.assertEqual(self.run_scheduled_action_killed("aftersales_warranty.ir_cron_claim_deadlines"), [1])
            # The flags and the first claim's to-dos are committed; the second claim's are lost with the worker.
            self.assertEqual(reminders(), [(True, len(clerks))] + [(True, 0)] * 2)
            self.run_scheduled_action("aftersales_warranty.ir_cron_claim_deadlines")
            self.assertEqual(reminders(), [(True, len(clerks))] * 3)
            self.run_scheduled_action("aftersales_warranty.ir_cron_claim_deadlines")
            self.assertEqual(reminders(), [(True, len(clerks))] * 3, "every clerk reminded once per claim")
