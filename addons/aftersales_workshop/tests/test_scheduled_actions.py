from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestScheduledActions(ScheduledRunMixin, VisitCase):
    """The workshop's progress check killed in the middle and run again: nothing twice, nothing lost."""

    def test_progress_check_killed_and_run_again(self):
        technician = new_test_user(self.env, login="cron_tech", name="陈磊",
                                   groups="aftersales_reception.group_workshop_technician")
        self.company.aftersales_allow_parallel_jobs = True
        # Jobs running before the test are checked already: only the test's count.
        self.env["aftersales.job"].search([("work_state", "in", ("in_progress", "paused"))]).write(
            {"progress_alert_date": "2026-01-01 00:00:00"})
        orders = self.env["repair.order"]
        for mileage in (41000, 42000, 43000):
            orders |= self._approved_order(concerns=("保养", "刹车异响"), hours=(1.0, 1.0), mileage=mileage)
        jobs = orders.job_ids.sorted("id")
        jobs._assign_technicians(technician)
        start = max(orders.mapped("schedule_date"))
        with freeze_time(start):
            for job in jobs:
                job.with_user(technician).action_clock_start()

        def alerts():
            return [(bool(job.progress_alert_date),
                     len(job.repair_id.activity_ids.filtered(lambda a: a.summary and "Check progress" in a.summary)))
                    for job in jobs]

        # Each job has used 50 minutes of its hour: past the 75 % check. Batches of two jobs: the first is
        # committed with its to-dos, the second lost with the worker.
        with freeze_time(start + timedelta(minutes=50), tick=True), self.small_batches(2):
            self.assertEqual(self.run_scheduled_action_killed("aftersales_workshop.ir_cron_job_progress"), [2])
            self.assertEqual([alerted for alerted, _todos in alerts()], [True] * 2 + [False] * 4)
            self.run_scheduled_action("aftersales_workshop.ir_cron_job_progress")
            self.run_scheduled_action("aftersales_workshop.ir_cron_job_progress")
        self.assertEqual([alerted for alerted, _todos in alerts()], [True] * 6, "every job checked")
        # One to-do per job: two per order, none twice.
        self.assertEqual([len(order.activity_ids) for order in orders], [2, 2, 2])
