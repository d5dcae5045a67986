"""Benchmark the management figures on five years of a large dealership's history.

    python3 benchmarks/kpi.py -d <database> [--orders 1000000] [--jobs-per-order 5]
        [--addons-path=<odoo addons>,<this repo>/addons] [--db_replica_host=... --db_replica_port=...]
        [--keep] [--reuse] [other Odoo options]

Needs a database with aftersales_kpi installed (e.g. the one bin/test creates), which it copies to
<database>_kpi_bench (closing the connections to it: not on a database in use) and drops at the end (unless
--keep; --reuse reads the figures again on a copy kept earlier, without generating). In the copy it generates
with set-based SQL the vehicles, the work orders over five years with their jobs, clocked hours, parts and
posted invoices, and commits them (so that a read replica sees them); times the fact table's full refresh and
the refresh of recently changed orders; then reads every KPI, the daily report, the business statistics and
the pivots the dashboards show through a read-only cursor, which Odoo sends to the streaming replica when
db_replica_host is set (benchmarks/replica.sh starts one locally); prints each figure's time and where it was
read.
"""

import argparse
import resource
import shutil
import time
from contextlib import closing
from datetime import date, timedelta

import odoo
from odoo import api, sql_db
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.service import db as db_service
from odoo.tools import SQL, config

MARK = "BENCH-KPI/"


def timed(label, func, results):
    start = time.perf_counter()
    value = func()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed))
    print(f"{label:<58} {elapsed:8.3f} s")
    return value


def generate(env, orders, jobs_per_order):
    """The history, committed. Returns the number of rows per table."""
    cr = env.cr
    company = env.company
    models = env["fleet.vehicle.model"].search([], limit=8)
    advisors = env.ref("aftersales_reception.group_service_advisor").user_ids[:8] or env.user
    technicians = env.ref("aftersales_reception.group_workshop_technician").user_ids[:12] or env.user
    teams = env["aftersales.workshop.team"].search([("company_id", "in", (company.id, False))], limit=4)
    categories = env["aftersales.repair.category"].search([])
    journal = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    labour_product = env["product.product"].search([("type", "=", "service")], limit=1)
    part = env["product.product"].search([("type", "=", "consu")], limit=1)
    template = env["repair.order"].new({"company_id": company.id})
    partners = env["res.partner"].create([{"name": f"{MARK}{i}"} for i in range(1000)])
    params = {
        "company": company.id, "orders": orders, "jobs": jobs_per_order,
        "vehicles": max(orders // 5, 1),
        "models": models.ids or [None], "advisors": advisors.ids, "technicians": technicians.ids,
        "teams": teams.ids or [None], "categories": categories.ids or [None], "partners": partners.ids,
        "picking_type": template.picking_type_id.id, "location": template.location_id.id,
        "journal": journal.id, "income": journal.default_account_id.id, "receivable": receivable.id,
        "currency": company.currency_id.id, "labour_product": labour_product.id, "part": part.id,
        "uom": part.uom_id.id, "mark": MARK,
    }
    cr.execute(SQL("CREATE TEMP TABLE bench_vehicle (n int PRIMARY KEY, id int NOT NULL)"))
    cr.execute(SQL(
        """
        WITH created AS (
            INSERT INTO fleet_vehicle (model_id, company_id, customer_id, vehicle_usage, active, odometer_unit,
                                       power_unit, co2_emission_unit, range_unit, license_plate,
                                       license_plate_key, name, vin_sn)
            SELECT (%(models)s::int[])[1 + n %% cardinality(%(models)s::int[])], %(company)s,
                   (%(partners)s::int[])[1 + n %% 1000], 'customer', TRUE, 'kilometers', 'power', 'g/km', 'km',
                   -- a plate, its searched form, a name and a VIN of their own, as the reception finds cars
                   '浙B·' || plate.tail, '浙B' || plate.tail, '浙B·' || plate.tail, 'LBVBENCH' || lpad(n::text, 9, '0')
              FROM generate_series(0, %(vehicles)s - 1) AS n
             CROSS JOIN LATERAL (SELECT upper(to_hex(65536 + n)) AS tail) plate
            RETURNING id
        )
        INSERT INTO bench_vehicle (n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM created
        """, **params))
    # Five years of orders; a car promised for six hours after check-in, one in eight delivered late, one in
    # fifty a comeback of the order before it.
    cr.execute(SQL("CREATE TEMP TABLE bench_order (n int PRIMARY KEY, id int NOT NULL)"))
    cr.execute(SQL(
        """
        WITH created AS (
            INSERT INTO repair_order (name, company_id, state, is_aftersales, schedule_date, promised_date,
                                      delivery_date, settlement_date, picking_type_id, location_id,
                                      location_dest_id, product_location_src_id, product_location_dest_id,
                                      parts_location_id, recycle_location_id, vehicle_id, partner_id, user_id,
                                      repair_category_id, gate_pass_date, is_settled, is_closed, aftersales_stage)
            SELECT %(mark)s || g.n, %(company)s, 'done', TRUE, start_at, start_at + interval '6 hours',
                   start_at + CASE WHEN g.n %% 8 = 0 THEN interval '7 hours' ELSE interval '5 hours' END,
                   start_at + interval '5 hours 30 minutes',
                   %(picking_type)s, %(location)s, %(location)s, %(location)s, %(location)s, %(location)s,
                   %(location)s, v.id, (%(partners)s::int[])[1 + v.n %% 1000],
                   (%(advisors)s::int[])[1 + g.n %% cardinality(%(advisors)s::int[])],
                   (%(categories)s::int[])[1 + g.n %% cardinality(%(categories)s::int[])],
                   -- settled, and the car left with its gate pass: the stage history's orders are in
                   start_at + interval '7 hours 30 minutes', TRUE, TRUE, 'closed'
              FROM generate_series(0, %(orders)s - 1) AS g (n)
              JOIN bench_vehicle v ON v.n = g.n %% %(vehicles)s
             CROSS JOIN LATERAL (SELECT date_trunc('day', NOW()) - (g.n %% 1826) * interval '1 day'
                                        + interval '1 hour' AS start_at) s
            RETURNING id
        )
        INSERT INTO bench_order (n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM created
        """, **params))
    cr.execute(SQL(
        """
        UPDATE repair_order ro SET comeback_of_id = previous.id
          FROM bench_order o JOIN bench_order previous ON previous.n = o.n - 1
         WHERE ro.id = o.id AND o.n %% 50 = 49
        """))
    cr.execute(SQL(
        """
        INSERT INTO aftersales_job (repair_id, company_id, vehicle_id, sequence, name, payer, state, labour_hours,
                                    labour_rate, labour_amount, parts_amount, amount_total, team_id,
                                    dispatch_technician_id, rework_count, done_date)
        SELECT o.id, %(company)s, ro.vehicle_id, k, %(mark)s || k,
               CASE WHEN k = 1 AND o.n %% 10 = 0 THEN 'warranty' WHEN k = 2 AND o.n %% 25 = 0 THEN 'insurance'
                    ELSE 'customer' END,
               'done', 0.5 + (o.n + k) %% 6 * 0.5, 300, (0.5 + (o.n + k) %% 6 * 0.5) * 300, 200,
               (0.5 + (o.n + k) %% 6 * 0.5) * 300 + 200,
               (%(teams)s::int[])[1 + o.n %% cardinality(%(teams)s::int[])],
               (%(technicians)s::int[])[1 + (o.n + k) %% cardinality(%(technicians)s::int[])],
               CASE WHEN k = 1 AND o.n %% 40 = 0 THEN 1 ELSE 0 END, ro.delivery_date
          FROM bench_order o
          JOIN repair_order ro ON ro.id = o.id
         CROSS JOIN generate_series(1, %(jobs)s) AS k
        """, **params))
    cr.execute(SQL("ANALYZE bench_vehicle, bench_order, repair_order, aftersales_job"))  # plans on the new rows
    cr.execute(SQL(
        """
        INSERT INTO aftersales_job_clock (job_id, repair_id, company_id, technician_id, start, stop, duration)
        SELECT job.id, job.repair_id, job.company_id, job.dispatch_technician_id, ro.schedule_date,
               ro.schedule_date + job.labour_hours * 0.9 * interval '1 hour', job.labour_hours * 0.9
          FROM aftersales_job job JOIN repair_order ro ON ro.id = job.repair_id
         WHERE ro.name LIKE %(mark)s || '%%'
        """, **params))
    cr.execute(SQL(
        """
        INSERT INTO stock_move (company_id, product_id, product_uom, location_id, location_dest_id, procure_method,
                                product_uom_qty, quantity, date, state, repair_id, repair_line_type, value)
        SELECT %(company)s, %(part)s, %(uom)s, %(location)s, %(location)s, 'make_to_stock', %(jobs)s, %(jobs)s,
               ro.delivery_date, 'done', o.id, 'add', 120 * %(jobs)s
          FROM bench_order o JOIN repair_order ro ON ro.id = o.id
        """, **params))
    # One posted customer invoice per order: labour and parts income, the receivable; one in twenty open. The
    # customer's share of each order is summed once, grouped, rather than looked up order by order.
    cr.execute(SQL(
        """
        CREATE TEMP TABLE bench_total AS
        SELECT job.repair_id AS order_id, SUM(job.amount_total) AS amount, SUM(job.labour_amount) AS labour,
               SUM(job.parts_amount) AS parts
          FROM bench_order o JOIN aftersales_job job ON job.repair_id = o.id
         WHERE job.payer = 'customer'
         GROUP BY job.repair_id
        """))
    cr.execute(SQL("ALTER TABLE bench_total ADD PRIMARY KEY (order_id)"))
    cr.execute(SQL("ANALYZE bench_total"))
    cr.execute(SQL("CREATE TEMP TABLE bench_move (order_id int PRIMARY KEY, id int NOT NULL)"))
    cr.execute(SQL(
        """
        WITH created AS (
            INSERT INTO account_move (name, journal_id, company_id, currency_id, state, move_type, auto_post, date,
                                      invoice_date, partner_id, aftersales_repair_id, aftersales_payer,
                                      amount_untaxed, amount_total, amount_residual, amount_residual_signed,
                                      amount_total_signed, payment_state)
            SELECT %(mark)s || o.n, %(journal)s, %(company)s, %(currency)s, 'posted', 'out_invoice', 'no',
                   ro.settlement_date::date, ro.settlement_date::date, ro.partner_id, o.id, 'customer',
                   totals.amount, totals.amount, CASE WHEN o.n %% 20 = 0 THEN totals.amount ELSE 0 END,
                   CASE WHEN o.n %% 20 = 0 THEN totals.amount ELSE 0 END, totals.amount,
                   CASE WHEN o.n %% 20 = 0 THEN 'not_paid' ELSE 'paid' END
              FROM bench_order o
              JOIN repair_order ro ON ro.id = o.id
              JOIN bench_total totals ON totals.order_id = o.id
            RETURNING id, aftersales_repair_id
        )
        INSERT INTO bench_move (order_id, id) SELECT aftersales_repair_id, id FROM created
        """, **params))
    cr.execute(SQL(
        """
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, date, parent_state,
                                       display_type, account_id, product_id, balance, amount_currency, debit,
                                       credit, amount_residual, amount_residual_currency, partner_id)
        SELECT m.id, %(journal)s, %(company)s, %(currency)s, am.date, 'posted', line.display_type, line.account_id,
               line.product_id, line.balance, line.balance, GREATEST(line.balance, 0), GREATEST(-line.balance, 0),
               CASE WHEN line.display_type = 'payment_term' THEN am.amount_residual ELSE 0 END,
               CASE WHEN line.display_type = 'payment_term' THEN am.amount_residual ELSE 0 END, am.partner_id
          FROM bench_move m
          JOIN account_move am ON am.id = m.id
          JOIN bench_total totals ON totals.order_id = m.order_id
         CROSS JOIN LATERAL (VALUES ('product', %(income)s, %(labour_product)s, -totals.labour),
                                    ('product', %(income)s, %(part)s, -totals.parts),
                                    ('payment_term', %(receivable)s, NULL::int, totals.labour + totals.parts))
                            AS line (display_type, account_id, product_id, balance)
        """, **params))
    cr.execute(SQL("ANALYZE fleet_vehicle, repair_order, aftersales_job, aftersales_job_clock, stock_move, "
                   "account_move, account_move_line"))
    cr.commit()
    counts = {}
    for table in ("repair_order", "aftersales_job", "aftersales_job_clock", "stock_move", "account_move_line"):
        cr.execute(SQL("SELECT COUNT(*) FROM %s", SQL.identifier(table)))
        counts[table] = cr.fetchone()[0]
    return counts


def read_figures(registry, results):
    """Every figure the reports and dashboards show, through a read-only cursor (the replica if configured)."""
    # Imported here: the addons path is only known once main() has read Odoo's options.
    from odoo.addons.aftersales_kpi.models.aftersales_kpi_target import DEPARTMENT_KPIS
    with registry.cursor(readonly=True) as cr:
        cr.execute(SQL("SELECT pg_is_in_recovery(), inet_server_port()"))
        in_recovery, port = cr.fetchone()
        server = f"port {port}" if port else "the local socket"
        where = f"a streaming replica ({server})" if in_recovery else f"the primary ({server})"
        print(f"reading through a read-only cursor on {where}")
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        kpis, facts, company = env["aftersales.kpi.target"], env["aftersales.kpi.visit"], env.company
        today = date.today()
        month_start = today.replace(day=1) - timedelta(days=1)
        month_start = month_start.replace(day=1)
        month_end = today.replace(day=1) - timedelta(days=1)
        year_start = date(today.year - 1, 1, 1)
        year_end = date(today.year - 1, 12, 31)
        advisor = env.ref("aftersales_reception.group_service_advisor").user_ids[:1]
        for label, (date_from, date_to) in (
            ("KPIs of last month (all, with previous period, targets)", (month_start, month_end)),
            ("KPIs of last year", (year_start, year_end)),
            ("KPIs of five years", (today - timedelta(days=1826), today)),
        ):
            timed(label, lambda date_from=date_from, date_to=date_to: kpis._compute_kpis(date_from, date_to),
                  results)
            # The department-wide KPIs read beyond the fact table: each one's share (with its previous period).
            for code, method in DEPARTMENT_KPIS.items():
                timed(f"  of which {code}", lambda method=method, date_from=date_from, date_to=date_to: [
                    getattr(kpis, method)(period_from, period_to, env.companies)
                    for period_from, period_to in ((date_from, date_to),
                                                   kpis._previous_period(date_from, date_to))
                ], results)
        if advisor:
            timed("KPIs of last month for one advisor",
                  lambda: kpis._compute_kpis(month_start, month_end, advisor=advisor), results)
        timed("daily report figures (日报)", lambda: facts._daily_figures(company, today - timedelta(days=1)),
              results)
        timed("monthly business statistics (业务统计表)",
              lambda: facts._statistics_rows(company, month_start, month_end), results)
        timed("yearly business statistics", lambda: facts._statistics_rows(company, year_start, year_end), results)
        timed("arrears by payer", lambda: facts._arrears(company), results)
        for label, groupby in (
            ("pivot: revenue by advisor and month, five years", ["advisor_id", "date_in:month"]),
            ("pivot: revenue by car model and category, five years", ["model_id", "repair_category_id"]),
            ("pivot: revenue by technician and year", ["technician_id", "date_in:year"]),
        ):
            timed(label, lambda groupby=groupby: facts._read_group(
                [("company_id", "=", company.id)], groupby,
                ["__count", "revenue:sum", "gross_margin:sum", "sold_hours:sum", "clocked_hours:sum"],
            ), results)
        return in_recovery


def generate_and_refresh(env, args, results):
    """Generate the history, then time the fact table's full and partial refresh; each committed."""
    cr = env.cr
    counts = timed(f"generate {args.orders:,} orders, {args.orders * args.jobs_per_order:,} jobs (committed)",
                   lambda: generate(env, args.orders, args.jobs_per_order), results)
    print("rows now: " + ", ".join(f"{table} {count:,}" for table, count in counts.items()))
    facts = env["aftersales.kpi.visit"]
    rows = timed("fact table: full refresh", facts.refresh, results)
    cr.commit()
    print(f"  {rows:,} facts")
    cr.execute(SQL("SELECT id FROM repair_order WHERE name LIKE %s ORDER BY id DESC LIMIT 2000", MARK + "%"))
    changed = [row[0] for row in cr.fetchall()]
    timed("fact table: refresh of 2,000 changed orders", lambda: facts.refresh(changed), results)
    cr.commit()


def drop_database(name):
    """Drop the benchmark's copy and its filestore (Odoo's exp_drop only sees the databases given with -d)."""
    Registry.delete(name)
    sql_db.close_db(name)
    with closing(sql_db.db_connect("postgres").cursor()) as cr:
        cr._cnx.autocommit = True
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(name)))
    shutil.rmtree(config.filestore(name), ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--jobs-per-order", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    parser.add_argument("--reuse", action="store_true",
                        help="read the figures again on the database an earlier run kept (--keep), without generating")
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    source = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    bench_db = f"{source}_kpi_bench"
    reuse = args.reuse and db_service.exp_db_exist(bench_db)
    if not reuse:
        drop_database(bench_db)
        db_service.exp_duplicate_database(source, bench_db)
    results = []
    try:
        registry = Registry(bench_db)
        if reuse:
            print(f"reusing {bench_db}: nothing generated")
        else:
            with registry.cursor() as cr:
                generate_and_refresh(api.Environment(cr, odoo.SUPERUSER_ID, {}), args, results)
        # A replica replays the commit within moments; give it a second before reading there.
        time.sleep(1)
        read_figures(registry, results)
    finally:
        if not args.keep:
            drop_database(bench_db)
    slowest = max((elapsed, label) for label, elapsed in results
                  if not label.startswith(("generate", "fact table")))
    print(f"slowest report figure: {slowest[1]} in {slowest[0]:.3f} s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
