"""Benchmark the daily reminder run over a large fleet.

    python3 benchmarks/reminders.py -d <database> [--vehicles 1000000] [--orders 5000000]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]

Needs a database with aftersales_followup installed (e.g. the one bin/test creates). Generates the
vehicles and their past work orders with set-based SQL, runs the reminder job twice (the first creates
the reminders of the whole window at once, as on the day the addon is installed; the second must create
nothing), then the next day's run (that day's new reminders only, the daily run in use), prints wall time,
rows created and peak memory, then rolls everything back.
"""

import argparse
import resource
import time
from datetime import timedelta

from freezegun import freeze_time

import odoo
from odoo import api, fields
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import SQL, config


def generate(env, vehicles, orders):
    cr = env.cr
    model = env["fleet.vehicle.model"].search([], limit=1) or env["fleet.vehicle.model"].create({
        "name": "Bench", "brand_id": env["fleet.vehicle.model.brand"].create({"name": "Bench"}).id,
    })
    template = env["repair.order"].new({"company_id": env.company.id})
    partners = env["res.partner"].create([{"name": f"Bench owner {i}", "birthday": f"1980-{1 + i % 12:02d}-15"}
                                          for i in range(1000)])
    start = time.perf_counter()
    # The new vehicles are numbered 0..n-1 by the ids the database gives them: the ids already taken (the demo
    # fleet, what the tests left) and the sequence's gaps are none of the generator's business.
    cr.execute("CREATE TEMP TABLE bench_vehicle (n int PRIMARY KEY, id int NOT NULL) ON COMMIT DROP")
    cr.execute(SQL(
        """
        WITH created AS (
            INSERT INTO fleet_vehicle (model_id, company_id, customer_id, vehicle_usage, active, odometer_unit,
                                       power_unit, co2_emission_unit, range_unit, sale_date, current_mileage,
                                       mileage_per_day, inspection_due_date, insurance_expiry_date)
            SELECT %(model)s, %(company)s, (%(partners)s::int[])[1 + n %% 1000], 'customer', TRUE, 'kilometers',
                   'power', 'g/km', 'km', CURRENT_DATE - (n %% 2500), (n %% 2500) * 40, 40,
                   CURRENT_DATE + (n %% 365), CURRENT_DATE + ((n * 7) %% 365)
              FROM generate_series(1, %(vehicles)s) AS n
            RETURNING id
        )
        INSERT INTO bench_vehicle (n, id) SELECT row_number() OVER (ORDER BY id) - 1, id FROM created
        """,
        model=model.id, company=env.company.id, partners=partners.ids, vehicles=vehicles,
    ))
    cr.execute(SQL(
        """
        INSERT INTO repair_order (name, company_id, state, schedule_date, picking_type_id, location_id,
                                  location_dest_id, product_location_src_id, product_location_dest_id,
                                  parts_location_id, recycle_location_id, vehicle_id, delivery_date,
                                  next_service_date, next_service_mileage)
        SELECT 'BENCH/' || g.n, %(company)s, 'done', NOW() - (g.n %% 1800) * interval '1 day', %(picking_type)s,
               %(location)s, %(location)s, %(location)s, %(location)s, %(location)s, %(location)s,
               v.id, NOW() - (g.n %% 1800) * interval '1 day',
               CURRENT_DATE - (g.n %% 1800) + 180, 5000 + (g.n %% 100000)
          FROM generate_series(1, %(orders)s) AS g (n)
          JOIN bench_vehicle v ON v.n = g.n %% %(vehicles)s
        """,
        company=env.company.id, picking_type=template.picking_type_id.id, location=template.location_id.id,
        vehicles=vehicles, orders=orders,
    ))
    generated = time.perf_counter() - start
    # Each delivery keeps its vehicle's service due; history written straight into the tables gets it in one pass,
    # as an upgrade does.
    start = time.perf_counter()
    env["fleet.vehicle"]._aftersales_sync_service_due()
    synced = time.perf_counter() - start
    cr.execute("ANALYZE fleet_vehicle; ANALYZE repair_order")
    return generated, synced


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vehicles", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, default=5_000_000)
    parser.add_argument("--keep", action="store_true",
                        help="commit the generated history instead of rolling it back (on a scratch copy of a "
                             "database), to study the statements' plans")
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    db_name = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        seconds, synced = generate(env, args.vehicles, args.orders)
        print(f"generated {args.vehicles} vehicles and {args.orders} work orders in {seconds:.1f} s; "
              f"the vehicles' service due taken from their orders in {synced:.1f} s")
        Reminder = env["aftersales.reminder"]
        for label in ("first run", "second run"):
            start = time.perf_counter()
            created = Reminder._cron_generate_reminders()
            elapsed = time.perf_counter() - start
            detail = ", ".join(f"{kind} {count}" for kind, count in created.items())
            print(f"{label}: {elapsed:.1f} s, {sum(created.values())} reminders ({detail})")
        # The daily run in use: the next day, only that day's new reminders are created.
        start = time.perf_counter()  # before the frozen clock: freezegun stops perf_counter too
        with freeze_time(fields.Date.context_today(Reminder) + timedelta(days=1)):
            created = Reminder._cron_generate_reminders()
        print(f"next day's run: {time.perf_counter() - start:.1f} s, {sum(created.values())} reminders")
        timings = []
        for kind in Reminder._reminder_queries():
            start = time.perf_counter()
            Reminder._generate_reminders(kind, 14)
            timings.append(f"{kind} {time.perf_counter() - start:.2f} s")
        print(f"per kind, a run with nothing to create: {', '.join(timings)}")
        if "aftersales.kpi.target" in env:
            # The KPIs read off the reminders and the orders: conversion, renewal and the service return rates.
            Target = env["aftersales.kpi.target"]
            today = fields.Date.context_today(Target)
            month_start = today.replace(day=1)
            month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            timings = []
            for code in ("reminder_conversion", "renewal_rate", "first_service_return_rate",
                         "maintenance_return_rate"):
                start = time.perf_counter()
                value, _action = getattr(Target, f"_{code}")(month_start, month_end, env.companies)
                timings.append(f"{code} {value} % in {time.perf_counter() - start:.2f} s")
            print(f"this month's reminder KPIs: {', '.join(timings)}")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory of the Odoo process: {peak:.0f} MiB (the work runs inside PostgreSQL)")
        if args.keep:
            cr.commit()
        else:
            cr.rollback()


if __name__ == "__main__":
    main()
