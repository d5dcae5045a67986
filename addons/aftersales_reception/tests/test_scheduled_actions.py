from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.aftersales_reception.tools import step_scope

from .common_cron import ScheduledRunMixin
from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestScheduledActions(ScheduledRunMixin, VisitCase):
    """A scheduled action killed in the middle and run again: nothing twice, nothing lost."""

    def _reminders_of(self, appointments):
        """Per appointment: (e-mails, text messages) of the day-before reminder, and whether it is marked sent."""
        Message = self.env["mail.message"]
        comment = self.env.ref("mail.mt_comment")
        return [
            (Message.search_count([("model", "=", appointment._name), ("res_id", "=", appointment.id),
                                   ("message_type", "!=", "sms"), ("subtype_id", "=", comment.id)]),
             Message.search_count([("model", "=", appointment._name), ("res_id", "=", appointment.id),
                                   ("message_type", "=", "sms")]),
             bool(appointment.reminder_sent_date))
            for appointment in appointments
        ]

    def test_day_before_reminders_killed_and_run_again(self):
        monday = self._next_monday(hour_utc=0)
        appointments = self.env["aftersales.appointment"]
        # Five reception slots of 08:00 in Shanghai (00:00 UTC), the 08:45 buffer left free.
        for index, minutes in enumerate((0, 15, 30, 60, 75)):
            customer = self.env["res.partner"].create({"name": f"客户{index}", "phone": f"1380000000{index}",
                                                       "email": f"customer{index}@example.com"})
            vehicle = self._create_vehicle(customer_id=customer.id, license_plate=f"浙A·R000{index}")
            appointments |= self.env["aftersales.appointment"].with_user(self.advisor).create({
                "vehicle_id": vehicle.id, "advisor_id": self.advisor.id,
                "start_date": monday + timedelta(minutes=minutes),
            })
        self.assertEqual(self._reminders_of(appointments), [(0, 0, False)] * 5)
        # Only the test's appointments are to remind that day: the others were reminded before.
        with step_scope("aftersales.appointment._send_day_before_reminders"):
            self.env["aftersales.appointment"].search([("id", "not in", appointments.ids)]).write(
                {"reminder_sent_date": monday - timedelta(days=2)})
        with freeze_time(monday - timedelta(hours=12), tick=True), self.small_batches(2):
            self.assertEqual(self.run_scheduled_action_killed("aftersales_reception.ir_cron_appointment_reminders"),
                             [2])
            # The first batch is committed with its messages, the second is lost whole with the worker.
            self.assertEqual(self._reminders_of(appointments), [(1, 1, True)] * 2 + [(0, 0, False)] * 3)
            self.run_scheduled_action("aftersales_reception.ir_cron_appointment_reminders")
            self.assertEqual(self._reminders_of(appointments), [(1, 1, True)] * 5)
            self.run_scheduled_action("aftersales_reception.ir_cron_appointment_reminders")
            self.assertEqual(self._reminders_of(appointments), [(1, 1, True)] * 5, "nobody reminded twice")
