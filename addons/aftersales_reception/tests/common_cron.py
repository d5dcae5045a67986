import math
from contextlib import contextmanager
from unittest.mock import patch

from odoo import api

from odoo.addons.aftersales_reception.tools import cron as cron_tools


class WorkerKilledError(Exception):
    """The scheduler's worker dies: its open transaction is lost, what it committed stays."""


class ScheduledRunMixin:
    """Run a scheduled action as Odoo's scheduler does, whole or killed in the middle, in a test.

    The test's transaction plays the database: the job's cursor commits to a savepoint of it (Odoo's test
    cursor), so what a batch committed is seen after the kill, what it had not committed is rolled back, and
    everything goes away with the test.
    """

    @contextmanager
    def small_batches(self, size):
        """The scheduled actions work in batches of ``size`` records (to have several batches in a test)."""
        with patch.object(cron_tools, "BATCH_SIZE", size):
            yield

    def run_scheduled_action(self, xmlid):
        """Run the scheduled action now, as the scheduler's worker does (its own cursor, its progress)."""
        cron = self.env.ref(xmlid).sudo()  # sudo: the test plays the scheduler
        with self.enter_registry_test_mode():
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def run_scheduled_action_killed(self, xmlid, after_commits=1):
        """Run the scheduled action as the scheduler does, and kill the worker just before its commit number
        ``after_commits + 1``: the first ``after_commits`` batches are committed, the next one has done its
        work but is lost with the transaction. Return the progress reported by the committed batches."""
        cron = self.env.ref(xmlid).sudo()  # sudo: the test plays the scheduler
        Cron = type(self.env["ir.cron"])
        commit_progress = Cron._commit_progress
        committed = []

        def killed_before_commit(cron_model, processed=0, **kwargs):
            if len(committed) == after_commits:
                raise WorkerKilledError()
            committed.append(processed)
            return commit_progress(cron_model, processed, **kwargs)

        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            env = api.Environment(cr, cron.user_id.id, {
                "lastcall": cron.lastcall, "cron_id": cron.id, "cron_end_time": math.inf,
            })
            job, _progress = env["ir.cron"].browse(cron.id)._add_progress()
            job._commit_progress()  # the scheduler commits the run's progress record before it runs the job
            # Not assertRaises: the test's savepoint it opens would roll back what the batches committed.
            killed = False
            with patch.object(Cron, "_commit_progress", killed_before_commit):
                try:
                    job.env["ir.actions.server"].browse(cron.ir_actions_server_id.id).run()
                except Exception as error:  # the server action's code wraps the worker's death in its own error
                    killed = "WorkerKilledError" in repr(error)
            cr.rollback()  # the worker's open transaction dies with it
        self.assertTrue(killed, "the worker was killed")
        self.env.invalidate_all()
        self.assertEqual(len(committed), after_commits, "the run was killed after its committed batches")
        return committed
