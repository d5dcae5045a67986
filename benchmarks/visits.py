"""Benchmark whole visits: check-in, work order with three payers, approval, parts issue, repair, delivery,
settlement.

    python3 benchmarks/visits.py -d <database> [--visits 1000]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]

Needs a database with aftersales_reception installed (e.g. the one bin/test creates). Prints the
wall time and SQL queries per step and per visit; everything is rolled back at the end.
"""

import argparse
import time
from collections import defaultdict
from datetime import timedelta

import odoo
from odoo import Command, api, fields
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import config

SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class Meter:
    def __init__(self, cr):
        self.cr = cr
        self.totals = defaultdict(lambda: [0.0, 0])

    def run(self, label, func):
        queries, start = self.cr.sql_log_count, time.perf_counter()
        result = func()
        self.cr.flush()
        self.totals[label][0] += time.perf_counter() - start
        self.totals[label][1] += self.cr.sql_log_count - queries
        return result


def setup(env):
    from odoo.addons.aftersales_reception.tools import vin_check_digit  # imported once the addons path is set

    company = env.company
    expense = env["account.account"].search(
        [*env["account.account"]._check_company_domain(company), ("account_type", "=", "expense")], limit=1
    )
    company.write({"aftersales_internal_account_id": expense.id, "aftersales_goodwill_account_id": expense.id})
    vat = env["account.tax"].create({"name": "VAT 13% incl.", "amount": 13.0, "type_tax_use": "sale",
                                     "price_include_override": "tax_included", "company_id": company.id})
    env.ref("aftersales_reception.product_labour").taxes_id = vat
    brand = env["fleet.vehicle.model.brand"].create({
        "name": "Bench Motors", "warranty_partner_id": env["res.partner"].create({"name": "Bench OEM"}).id,
    })
    model = env["fleet.vehicle.model"].create({"name": "Bench Sedan", "brand_id": brand.id})
    insurer = env["res.partner"].create({"name": "Bench Insurance"})
    location = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1).lot_stock_id
    products = env["product.product"].create([
        {"name": f"Bench part {i}", "type": "consu", "is_storable": True, "list_price": 100.0 + i,
         "standard_price": 50.0, "taxes_id": [Command.set(vat.ids)]}
        for i in range(6)
    ])
    for product in products:
        env["stock.quant"]._update_available_quantity(product, location, 100000)
    technician = env["res.users"].create({
        "name": "Bench technician", "login": "bench_technician",
        "group_ids": [Command.link(env.ref("aftersales_reception.group_workshop_technician").id)],
    })
    return model, insurer, products, vin_check_digit, technician


def visit(env, meter, index, model, insurer, products, vin_check_digit, technician, jobs=3):
    """One visit of ``jobs`` jobs (paid in turn by the customer, the manufacturer and the insurer), two parts each."""
    customer = env["res.partner"].create({"name": f"Bench customer {index}"})
    draft = f"LBV1A2B30T{index:07d}"
    vehicle = env["fleet.vehicle"].create({
        "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
        "vin_sn": draft[:8] + vin_check_digit(draft) + draft[9:],
    })
    check_in = meter.run("check-in and signature", lambda: env["aftersales.check.in"].create({
        "vehicle_id": vehicle.id, "odometer": 10000 + index,
        "concern_ids": [Command.create({"name": f"concern {number}"}) for number in range(jobs)],
    })._sign(signature=SIGNATURE, signed_by="Bench") and None)
    check_in = env["aftersales.check.in"].search([("vehicle_id", "=", vehicle.id)], limit=1)
    meter.run("work order from check-in", check_in.action_create_work_order)
    order = check_in.repair_id

    def fill():
        order.write({
            "confirm_jobs": True, "confirm_estimate": True,
            "promised_date": order.schedule_date + timedelta(hours=4), "confirm_promised_time": True,
            "replaced_parts_disposal": "customer_keeps", "car_wash": "wash", "payment_method": "wechat",
        })
        for number, job in enumerate(order.job_ids.sorted("id")):
            job.write({"payer": ("customer", "warranty", "insurance")[number % 3], "labour_hours": 1.0})
        env["stock.move"].create([
            {"repair_id": order.id, "repair_line_type": "add", "product_id": products[(i + k) % 6].id,
             "product_uom_qty": 1, "aftersales_job_id": job.id}
            for i, job in enumerate(order.job_ids) for k in range(2)
        ])

    meter.run("jobs, payers and parts", fill)

    def insurance_case():
        if "aftersales.insurance.case" in env and "insurance" in order.job_ids.mapped("payer"):  # on its assessment
            case = env["aftersales.insurance.case"].create({
                "repair_id": order.id, "insurer_id": insurer.id, "claim_number": f"B{index}",
            })
            case.action_start_assessment()
            case.action_new_assessment()
            case.assessment_ids.action_submit()
            case.assessment_ids.action_agree()
            case.document_ids.write({"is_received": True})

    meter.run("insurance case assessed", insurance_case)
    meter.run("approval (confirm and reserve)", lambda: order._record_approval("in_person", "Bench",
                                                                                signature=SIGNATURE))

    def issue():
        if "aftersales.parts.issue" in env:  # the parts store hands the parts over on an issue note
            note = order._create_parts_note("issue")
            note.with_user(technician)._technician_sign(SIGNATURE)
            note.action_validate()

    meter.run("parts issued (issue note)", issue)

    def repair():
        order.action_repair_start()
        order.job_ids.action_mark_done()
        if "aftersales.quality.check" in env:  # the workshop's final inspection
            env["aftersales.quality.check"].create({
                "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
            }).action_pass()
        order.action_repair_end()

    meter.run("repair done", repair)

    def replaced_parts():
        if "aftersales.replaced.part" in env:  # the old warranty parts stay for the claim
            order.action_record_replaced_parts()
            order.replaced_part_ids.action_process()

    meter.run("replaced parts recorded", replaced_parts)
    meter.run("delivery", lambda: order._record_delivery(10020 + index, fields.Date.today() + timedelta(days=180),
                                                       15020 + index))
    meter.run("settlement (three invoices)", order.action_settle)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visits", type=int, default=1000)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    db_name = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        prepared = setup(env)
        meter = Meter(cr)
        start, queries = time.perf_counter(), cr.sql_log_count
        for index in range(args.visits):
            visit(env, meter, index, *prepared)
            env.invalidate_all()
        elapsed, queries = time.perf_counter() - start, cr.sql_log_count - queries
        print(f"{args.visits} visits: {elapsed:.1f} s, {elapsed / args.visits * 1000:.0f} ms and "
              f"{queries / args.visits:.0f} queries per visit")
        for label, (seconds, count) in meter.totals.items():
            print(f"  {label:<34} {seconds / args.visits * 1000:8.1f} ms {count / args.visits:8.1f} queries")
        cr.rollback()


if __name__ == "__main__":
    main()
