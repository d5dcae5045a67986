"""Our visit side by side with Odoo's own repair flow, on the same parts, in one run on the same machine.

    python3 benchmarks/visit_vs_repair.py -d <database> [--parts 40] [--rounds 5]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]

Odoo's repair: a repair order with the parts, confirmed (the parts reserved), its quotation made and confirmed,
the repair started and ended, the quotation invoiced and the invoice posted. Our visit: the check-in, a work order
of one job per two parts paid in turn by the customer, the manufacturer and the insurer, the insurer's
assessment, the customer's approval (the parts reserved), the parts issued, the repair and its quality check,
the delivery and the settlement's three invoices. Each is run once to warm up, then --rounds times, the rounds of
the two alternating; the script prints the mean time and queries of each step and of the whole, and ours as a
share of Odoo's, then rolls everything back.
"""

import argparse
import time

from visits import Meter, setup, visit

import odoo
from odoo import Command, api
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import config


def odoo_repair(env, meter, index, products, parts):
    customer = env["res.partner"].create({"name": f"Repair customer {index}"})

    def create():
        return env["repair.order"].create({
            "partner_id": customer.id,
            "move_ids": [Command.create({"repair_line_type": "add", "product_id": products[i % len(products)].id,
                                         "product_uom_qty": 1}) for i in range(parts)],
        })

    repair = meter.run("repair order with its parts", create)
    meter.run("confirmed (parts reserved)", repair.action_validate)
    meter.run("quotation made and confirmed", lambda: (repair.action_create_sale_order(),
                                                      repair.sale_order_id.action_confirm()))
    meter.run("repair started and ended", lambda: (repair.action_repair_start(), repair.action_repair_end()))
    meter.run("invoiced (one invoice posted)", lambda: repair.sale_order_id._create_invoices().action_post())


CONFIRMATION = {"confirmed (parts reserved)"}
INVOICING = {"invoiced (one invoice posted)"}
APPROVAL = {"approval (confirm and reserve)"}
SETTLEMENT = {"settlement (three invoices)"}


def report(title, meter, rounds):
    total_time = sum(seconds for seconds, _count in meter.totals.values()) / rounds
    total_queries = sum(count for _seconds, count in meter.totals.values()) / rounds
    print(f"{title}: {total_time * 1000:.0f} ms, {total_queries:.0f} queries")
    for label, (seconds, count) in meter.totals.items():
        print(f"  {label:<34} {seconds / rounds * 1000:8.1f} ms {count / rounds:8.1f} queries")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    db_name = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        model, insurer, products, vin_check_digit, technician = setup(env)
        jobs = max(args.parts // 2, 1)
        flows = (
            (f"Odoo's repair, {args.parts} parts", lambda meter, i: odoo_repair(env, meter, i, products, args.parts)),
            (f"our visit, {args.parts} parts in {jobs} jobs, three payers",
             lambda meter, i: visit(env, meter, 100000 + i, model, insurer, products, vin_check_digit, technician,
                                    jobs=jobs)),
        )
        for _title, run in flows:
            run(Meter(cr), -1)  # warm-up: the first round loads what the later ones find cached
            env.invalidate_all()
        # The rounds alternate between the two flows, so a change in the machine's speed weighs on both alike.
        meters = [Meter(cr) for _flow in flows]
        for index in range(args.rounds):
            for (_title, run), meter in zip(flows, meters, strict=True):
                run(meter, index)
                env.invalidate_all()
        for (title, _run), meter in zip(flows, meters, strict=True):
            report(title, meter, args.rounds)
        odoo_meter, our_meter = meters

        def mean_ms(meter, labels=None):
            return sum(seconds for label, (seconds, _count) in meter.totals.items()
                       if labels is None or label in labels) / args.rounds * 1000

        print(f"ours against Odoo's: whole flow {mean_ms(our_meter) / mean_ms(odoo_meter):.0%}, "
              f"approval against confirmation "
              f"{mean_ms(our_meter, APPROVAL) / mean_ms(odoo_meter, CONFIRMATION):.0%}, "
              f"settlement of three payers against the invoicing of one "
              f"{mean_ms(our_meter, SETTLEMENT) / mean_ms(odoo_meter, INVOICING):.0%}")
        start = time.perf_counter()
        cr.rollback()
        print(f"rolled back in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
