from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestScheduledActions(ScheduledRunMixin, VisitCase):
    """Follow-up's scheduled actions killed in the middle and run again: nothing twice, nothing lost."""

    def _reminder_counts(self, vehicles):
        Reminder = self.env["aftersales.reminder"]
        return {kind: Reminder.search_count([("vehicle_id", "in", vehicles.ids), ("kind", "=", kind)])
                for kind in ("inspection", "insurance", "birthday")}

    def test_reminder_run_killed_and_run_again(self):
        # Only the test's vehicles count.
        self.env["fleet.vehicle"].search([("vehicle_usage", "=", "customer")]).write({"active": False})
        vehicles = self.env["fleet.vehicle"]
        for index in range(3):
            owner = self.env["res.partner"].create({"name": f"车主{index}", "birthday": "1985-06-20"})
            vehicles |= self._create_vehicle(customer_id=owner.id, license_plate=f"浙A·K000{index}",
                                             inspection_due_date="2026-06-10", insurance_expiry_date="2026-06-12")
        with freeze_time("2026-06-08", tick=True):
            # One commit per kind: first service, maintenance and inspection are committed, the renewals are lost
            # with the worker.
            self.assertEqual(len(self.run_scheduled_action_killed("aftersales_followup.ir_cron_generate_reminders",
                                                                  after_commits=3)), 3)
            self.assertEqual(self._reminder_counts(vehicles), {"inspection": 3, "insurance": 0, "birthday": 0})
            self.run_scheduled_action("aftersales_followup.ir_cron_generate_reminders")
            self.assertEqual(self._reminder_counts(vehicles), {"inspection": 3, "insurance": 3, "birthday": 3})
            self.run_scheduled_action("aftersales_followup.ir_cron_generate_reminders")
            self.assertEqual(self._reminder_counts(vehicles), {"inspection": 3, "insurance": 3, "birthday": 3})
        self.assertEqual(self.env["aftersales.reminder"].search_count([("vehicle_id", "in", vehicles.ids)]), 9)

    def test_complaint_escalation_killed_and_run_again(self):
        Complaint = self.env["aftersales.complaint"]
        with freeze_time("2026-06-10"):
            Complaint._cron_escalate_overdue()  # what was overdue before the test is escalated already
        complaints = Complaint.create([{
            "partner_id": self.customer.id, "description": f"投诉{index}", "severity": "major",
            "category": "price", "deadline": "2026-06-03",
        } for index in range(5)])

        def escalations():
            return [(complaint.is_escalated,
                     len(complaint.activity_ids.filtered(lambda a: (a.summary or "").startswith("Overdue"))))
                    for complaint in complaints.sorted("id")]

        with freeze_time("2026-06-10", tick=True), self.small_batches(2):
            self.assertEqual(self.run_scheduled_action_killed("aftersales_followup.ir_cron_escalate_complaints"),
                             [2])
            self.assertEqual(escalations(), [(True, 1)] * 2 + [(False, 0)] * 3)
            self.run_scheduled_action("aftersales_followup.ir_cron_escalate_complaints")
            self.assertEqual(escalations(), [(True, 1)] * 5)
            self.run_scheduled_action("aftersales_followup.ir_cron_escalate_complaints")
            self.assertEqual(escalations(), [(True, 1)] * 5, "escalated once")
