import threading
import time
from contextlib import contextmanager
from functools import partial
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import SQL


class ConcurrencyCase(BaseCase):
    """Two real sessions on the database at the same time, each with its own cursor.

    A TransactionCase never commits, so no other cursor would see its records: here the setup is
    committed, and everything committed is deleted again at the end (the database keeps serving the
    other tests and the demo dealership).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        # Odoo's test runner holds the registry lock while the tests run: the sessions' threads look the
        # registry up (and reset their transaction) as requests do, so the lock is lifted as HttpCase does.
        cls.startClassPatcher(patch.object(Registry, "_lock", DummyRLock()))
        cls._committed = []
        cls.addClassCleanup(cls._purge_committed)

    @classmethod
    def _keep(cls, *records):
        """Delete these records when the class is done (what a test adds, it purges itself)."""
        cls._committed.extend((rec._name, rec.ids) for rec in records if rec)
        return records[0] if len(records) == 1 else records

    @classmethod
    @contextmanager
    def session(cls, user=SUPERUSER_ID, lock_timeout="5s"):
        """A session: its own cursor, committed when the block ends without error, else rolled back.

        Waiting for another session's row lock ends after ``lock_timeout``: without the locks under
        test, the second session would otherwise wait for the first one forever.
        """
        with cls.registry.cursor() as cr:
            cr.execute(SQL("SET LOCAL lock_timeout = %s", lock_timeout))
            yield api.Environment(cr, getattr(user, "id", user), {})

    def run_in_thread(self, user, step):
        """Start ``step(env)`` in a session of its own in another thread, as a request would run it
        (Odoo's retry on concurrency errors, database errors turned into the constraint's message)."""
        thread = _SessionThread(self.registry, getattr(user, "id", user), step)
        thread.start()
        thread.ready.wait(10)
        return thread

    def wait_until_blocked(self, thread, timeout=10):
        """Wait until the thread's session waits for a lock held by another session (or is done)."""
        deadline = time.monotonic() + timeout
        with self.registry.cursor() as cr:
            while thread.is_alive() and time.monotonic() < deadline:
                cr.execute(SQL("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", thread.pid))
                row = cr.fetchone()
                cr.rollback()  # pg_stat_activity is read once per transaction
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    @classmethod
    def purge(cls, *records):
        """Delete committed records, with what points at them and what the ORM keeps (settled orders,
        posted entries, done moves), and their messages, followers, activities and attachments."""
        with cls.registry.cursor() as cr:
            tables = {model._table: name for name, model in cls.registry.items() if not model._abstract}
            done = {}
            for model, ids in records:
                _purge_rows(cr, tables, cls.registry[model]._table, set(ids), done)
        cls.registry.clear_all_caches()

    @classmethod
    def _purge_committed(cls):
        cls.purge(*reversed(cls._committed))
        cls._committed = []

    def purge_later(self, *records):
        self.addCleanup(self.purge, *((rec._name, rec.ids) for rec in records if rec))


OWNED_ROWS = {"repair_order": [("stock_move", "repair_id")]}


def _purge_rows(cr, tables, table, ids, done):
    ids = ids - done.setdefault(table, set())
    if not ids:
        return
    done[table] |= ids
    cr.execute(SQL("""
        SELECT cl.relname, att.attname, con.confdeltype,
               EXISTS(SELECT 1 FROM pg_attribute a WHERE a.attrelid = cl.oid AND a.attname = 'id')
          FROM pg_constraint con
          JOIN pg_class cl ON cl.oid = con.conrelid
          JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
         WHERE con.contype = 'f' AND con.confrelid = %s::regclass AND con.confdeltype IN ('a', 'r', 'c')
    """, table))
    referencing = [(ref_table, column) for ref_table, column, _deltype, has_id in cr.fetchall() if has_id]
    # Relation tables are left out: their rows go with ours (ON DELETE CASCADE). The work order's
    # parts are its own although Odoo's link to them is optional.
    referencing += OWNED_ROWS.get(table, [])
    for ref_table, column in referencing:
        cr.execute(SQL("SELECT id FROM %s WHERE %s IN %s", SQL.identifier(ref_table), SQL.identifier(column),
                       tuple(ids)))
        children = {row[0] for row in cr.fetchall()}
        if children:
            _purge_rows(cr, tables, ref_table, children, done)
    model = tables.get(table)
    if model:
        for trace_table, model_column in (("mail_message", "model"), ("mail_followers", "res_model"),
                                          ("mail_activity", "res_model"), ("ir_attachment", "res_model")):
            cr.execute(SQL("SELECT id FROM %s WHERE %s = %s AND res_id IN %s", SQL.identifier(trace_table),
                           SQL.identifier(model_column), model, tuple(ids)))
            traces = {row[0] for row in cr.fetchall()}
            if traces:
                _purge_rows(cr, tables, trace_table, traces, done)
    references = set()
    if table == "repair_order":
        # Odoo's stock references (named after the order) go with the order they name.
        cr.execute(SQL("SELECT reference_id FROM stock_reference_repair_rel WHERE repair_id IN %s", tuple(ids)))
        references = {row[0] for row in cr.fetchall()}
    cr.execute(SQL("DELETE FROM %s WHERE id IN %s", SQL.identifier(table), tuple(ids)))
    if references:
        cr.execute(SQL("""
            DELETE FROM stock_reference r WHERE r.id IN %s
               AND NOT EXISTS(SELECT 1 FROM stock_reference_move_rel x WHERE x.reference_id = r.id)
               AND NOT EXISTS(SELECT 1 FROM stock_reference_repair_rel x WHERE x.reference_id = r.id)
        """, tuple(references)))


class _SessionThread(threading.Thread):
    def __init__(self, registry, uid, step):
        super().__init__(daemon=True)
        self.registry, self.uid, self.step = registry, uid, step
        self.ready = threading.Event()
        self.pid = self.result = self.error = None

    def run(self):
        try:
            with self.registry.cursor() as cr:
                self.pid = cr._cnx.get_backend_pid()
                self.ready.set()
                env = api.Environment(cr, self.uid, {})
                self.result = retrying(partial(self.step, env), env)
        except Exception as error:  # the test reads what the session ran into
            self.error = error
        finally:
            self.ready.set()
