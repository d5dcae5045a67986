"""Benchmark the customer vehicle file: registering vehicles and their mileage history.

    python3 benchmarks/vehicle_mileage.py -d <database> [--vehicles 1000] [--readings 5]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]

Needs a database with aftersales_reception installed (e.g. the one bin/test creates). Prints the
wall time and the number of SQL queries of each step; everything is rolled back at the end.
"""

import argparse
import time
from datetime import date, timedelta

import odoo
from odoo import api
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import config


def make_vin(serial):
    from odoo.addons.aftersales_reception.tools import vin_check_digit  # imported once the addons path is set

    draft = f"LBM1A2B30T{serial:07d}"
    return draft[:8] + vin_check_digit(draft) + draft[9:]


def measure(label, cr, func):
    cr.flush()
    queries_before, start = cr.sql_log_count, time.perf_counter()
    result = func()
    cr.flush()
    elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries_before
    print(f"{label:<55} {elapsed * 1000:9.1f} ms {queries:7d} queries")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vehicles", type=int, default=1000)
    parser.add_argument("--readings", type=int, default=5)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    registry = Registry(config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"])
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        brand = env["fleet.vehicle.model.brand"].create({"name": "Bench Motors"})
        model = env["fleet.vehicle.model"].create({"name": "Bench Sedan", "brand_id": brand.id})
        customers = env["res.partner"].create([{"name": f"Bench Customer {i}"} for i in range(args.vehicles)])
        print(f"{args.vehicles} vehicles, {args.readings} readings each")
        vehicles = measure("create vehicles (one batch)", cr, lambda: env["fleet.vehicle"].create([
            {
                "vehicle_usage": "customer",
                "customer_id": customer.id,
                "model_id": model.id,
                "vin_sn": make_vin(index).lower(),
                "sale_date": date.today() - timedelta(days=400),
            }
            for index, customer in enumerate(customers)
        ]))
        today = date.today()
        values = [
            {
                "vehicle_id": vehicle.id,
                "date": today - timedelta(days=60 * (args.readings - step)),
                "value": 2400.0 * (step + 1),
                "source": "check_in",
            }
            for vehicle in vehicles
            for step in range(args.readings)
        ]
        measure("create readings (one batch, checks and recompute)", cr,
                lambda: env["fleet.vehicle.odometer"].create(values))
        env.invalidate_all()
        measure("read the customer vehicle list (80 rows)", cr, lambda: vehicles[:80].read(
            ["license_plate", "model_id", "vin_sn", "customer_id", "current_mileage", "mileage_per_day"]
        ))
        env.invalidate_all()
        measure("count vehicles per customer (partner smart button)", cr,
                lambda: customers[:80].mapped("customer_vehicle_count"))
        env.invalidate_all()
        one = vehicles[0]
        measure("one check-in reading on one vehicle", cr, lambda: env["fleet.vehicle.odometer"].create(
            {"vehicle_id": one.id, "date": today, "value": 2400.0 * (args.readings + 2), "source": "check_in"}
        ))
        cr.rollback()


if __name__ == "__main__":
    main()
