"""Time every after-sales scheduled action once, as the cron worker runs it, on a large database.

    python3 benchmarks/daily_crons.py -d <database> [--timeout 300] [--only <xmlid part>]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]

Meant for a scratch copy holding a large history, e.g. the one `benchmarks/reminders.py --keep` commits
(1 M vehicles, 5 M work orders): each active scheduled action of the after-sales addons runs once in a cursor of
its own as its user, with the progress tracking of the cron worker (its `_commit_progress` batches commit), and
the script prints its wall time, the rows it left in the tables it fills, and the process's peak memory. What
the actions write is committed (reminders, calls, mails queued): run it on a copy. A statement longer than
--timeout seconds stops its action, which is reported as such.
"""

import argparse
import logging
import resource
import time

import odoo
from odoo import api
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

COUNTED_TABLES = ("aftersales_reminder", "aftersales_followup_call", "mail_mail", "mail_activity",
                  "aftersales_kpi_visit")


def table_counts(cr):
    counts = {}
    for table in COUNTED_TABLES:
        cr.execute(SQL("SELECT to_regclass(%s) IS NOT NULL", table))
        if cr.fetchone()[0]:
            cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
            counts[table] = cr.fetchone()[0]
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=300, help="seconds a statement may run")
    parser.add_argument("--only", help="run only the actions whose XML id contains this")
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    # Without a web server beside it, wkhtmltopdf cannot fetch the reports' stylesheets: it says so for every PDF.
    logging.getLogger("odoo.addons.base.models.ir_actions_report").setLevel(logging.ERROR)
    initialize_sys_path()
    db_name = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    registry = Registry(db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        crons = env["ir.cron"].search([("active", "=", True)]).filtered(
            lambda cron: (cron.get_external_id()[cron.id] or "").startswith("aftersales_")
            and (not args.only or args.only in cron.get_external_id()[cron.id])
        )
        xmlids = crons.get_external_id()
        jobs = sorted((xmlids[cron.id], cron.id) for cron in crons)
        cr.execute("SELECT COUNT(*) FROM fleet_vehicle")
        vehicles = cr.fetchone()[0]
        cr.execute("SELECT COUNT(*) FROM repair_order")
        orders = cr.fetchone()[0]
    print(f"{db_name}: {vehicles} vehicles, {orders} work orders; {len(jobs)} scheduled actions")
    total = 0.0
    for xmlid, cron_id in jobs:
        with registry.cursor() as cr:
            cr.execute(SQL("SET statement_timeout = %s", args.timeout * 1000))
            env = api.Environment(cr, odoo.SUPERUSER_ID, {})
            cron = env["ir.cron"].browse(cron_id)
            before = table_counts(cr)
            cron, progress = cron._add_progress()
            cr.commit()
            env = cron.env(user=cron.user_id, context={
                **cron.env.context, "lastcall": cron.lastcall, "cron_id": cron.id,
                "ir_cron_progress_id": progress.id,
            })
            start = time.perf_counter()
            status = "done"
            try:
                env["ir.actions.server"].browse(cron.ir_actions_server_id.id).run()
                cr.commit()
            except Exception as error:  # the benchmark reports what stopped the action
                cr.rollback()
                status = f"stopped: {type(error).__name__}: {str(error).splitlines()[0][:80]}"
            elapsed = time.perf_counter() - start
            total += elapsed
            after = table_counts(cr)
            added = ", ".join(f"{table} +{after[table] - before[table]}" for table in after
                              if after[table] != before[table])
            print(f"{xmlid:<58} {elapsed:8.2f} s  {status}{'  ' + added if added else ''}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"all scheduled actions: {total:.1f} s; peak memory of the Odoo process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
