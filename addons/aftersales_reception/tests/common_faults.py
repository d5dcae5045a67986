from contextlib import contextmanager
from unittest.mock import patch

from odoo import api
from odoo.service.model import retrying


class StepFaultMixin:
    """Run a step as a user's request runs it, and make it fail midway on a database error.

    The request's transaction is Odoo's test cursor on top of the test's: what the failed step wrote is rolled
    back as the server rolls back a request, so the test sees the database as the next request would.
    """

    def run_as_request(self, user, step):
        """Run ``step(env)`` as ``user``'s request: its own transaction, Odoo's retry and error handling."""
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            env = api.Environment(cr, user.id, {})
            result = retrying(lambda: step(env), env)
        self.env.invalidate_all()
        return result

    def assertRequestFails(self, error, user, step):  # noqa: N802 - unittest's style
        """``step`` run as ``user``'s request fails with ``error``. Not assertRaises: the savepoint it opens on
        the test's transaction would roll back what the failed request left, and hide it."""
        try:
            self.run_as_request(user, step)
        except error:
            return
        self.fail(f"the request did not fail with {error.__name__}")

    @contextmanager
    def failing_after(self, model, method, fault="SELECT 1 / 0"):
        """``model``'s ``method`` runs, then the database refuses what comes next (``fault``, an SQL statement
        that fails: a division by zero, a constraint violated)."""
        Model = type(self.env[model])
        original = getattr(Model, method)

        def method_then_fault(records, *args, **kwargs):
            result = original(records, *args, **kwargs)
            records.env.cr.execute(fault(records) if callable(fault) else fault)
            return result

        with patch.object(Model, method, method_then_fault):
            yield
