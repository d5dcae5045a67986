"""The load test's books: what it needs before, and whether every visit's books are exact after.

    python3 benchmarks/load_books.py prepare -d <database> --state <file> [--technicians 20]
        [--addons-path=<odoo addons>,<this repo>/addons] [other Odoo options]
    python3 benchmarks/load_books.py check -d <database> --state <file> [...]

benchmarks/load_test.sh runs both around Locust. ``prepare`` gives each simulated technician a login of his own
(load_tech_01 …, password as the login: a technician clocks one job at a time, as in a real workshop), receives
stock of the part the advisors fit (so that the parts clerk always has it to issue), and writes what the check
compares against (the time, the part and its quantity on hand) into the state file; all committed. ``check``
reads every work order opened since then and prints, then asserts:

- each approved order has exactly one customer approval, of its estimate;
- each settled order has exactly one posted customer invoice, for the customer's share of the order, paid in full
  by one payment when the cashier took it;
- the part's quantity on hand fell by exactly the quantity issued on those orders, and every issued move is done
  once;
- each delivered order has exactly one first follow-up call, and no call was recorded twice;
- no vehicle has two reminders of one kind for one due date.

It exits with status 1 when a book is off.
"""

import argparse
import json
import sys
from datetime import datetime

import odoo
from odoo import Command, api, fields
from odoo.modules.module import initialize_sys_path
from odoo.modules.registry import Registry
from odoo.tools import SQL, config

PART_XMLID = "aftersales_reception.demo_product_oil_filter"
STOCK_RECEIVED = 100000.0


def prepare(env, state_file, technicians):
    group = env.ref("aftersales_reception.group_workshop_technician")
    logins = [f"load_tech_{index:02d}" for index in range(1, technicians + 1)]
    existing = set(env["res.users"].with_context(active_test=False).search([("login", "in", logins)]).mapped("login"))
    env["res.users"].create([
        {"name": f"压测技师 {login[-2:]}", "login": login, "password": login, "group_ids": [Command.set(group.ids)]}
        for login in logins if login not in existing
    ])
    part = env.ref(PART_XMLID)
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    quant = env["stock.quant"].with_context(inventory_mode=True).create({
        "product_id": part.id, "location_id": warehouse.lot_stock_id.id,
        "inventory_quantity": part.with_context(location=warehouse.lot_stock_id.id).qty_available + STOCK_RECEIVED,
    })
    quant.action_apply_inventory()
    env.cr.execute(SQL("SELECT MAX(id) FROM repair_order"))
    state = {
        "since_order_id": env.cr.fetchone()[0] or 0,
        "started": fields.Datetime.to_string(datetime.now()),
        "part_id": part.id,
        "on_hand": part.with_context(location=warehouse.lot_stock_id.id).qty_available,
        "location_id": warehouse.lot_stock_id.id,
        "technicians": logins,
    }
    env.cr.commit()
    with open(state_file, "w", encoding="utf-8") as file:
        json.dump(state, file)
    print(f"prepared: {len(logins)} technicians' logins, {state['on_hand']:.0f} × {part.display_name} on hand")


def check(env, state_file):
    with open(state_file, encoding="utf-8") as file:
        state = json.load(file)
    orders = env["repair.order"].search([("id", ">", state["since_order_id"]), ("is_aftersales", "=", True)])
    errors = []
    approved = orders.filtered("approval_ids")
    for order in approved:
        currency = order.company_id.currency_id
        customer = order.approval_ids.filtered(lambda approval: approval.payer == "customer")
        if len(customer) != 1 or currency.compare_amounts(customer.amount, order.amount_customer):
            errors.append(f"{order.name}: customer approvals {customer.mapped('amount')} for {order.amount_customer}")
    settled = orders.filtered("settlement_date")
    paid = 0
    for order in settled:
        currency = order.company_id.currency_id
        invoices = order.aftersales_invoice_ids.filtered(
            lambda move: move.aftersales_payer == "customer" and move.state == "posted")
        if len(invoices) != 1 or currency.compare_amounts(invoices.amount_total, order.amount_customer):
            errors.append(f"{order.name}: customer invoices {invoices.mapped('amount_total')} "
                          f"for {order.amount_customer}")
            continue
        payments = invoices._get_reconciled_payments()
        if order.gate_pass_date and (len(payments) != 1 or invoices.payment_state not in ("paid", "in_payment")):
            errors.append(f"{order.name}: {len(payments)} payments, invoice {invoices.payment_state}")
        paid += bool(payments)
    part = env["product.product"].browse(state["part_id"])
    issued_moves = orders.move_ids.filtered(lambda move: move.product_id == part and move.state == "done")
    issued = sum(issued_moves.mapped("quantity"))
    on_hand = part.with_context(location=state["location_id"]).qty_available
    if part.uom_id.compare(state["on_hand"] - issued, on_hand):
        errors.append(f"stock of {part.display_name}: {state['on_hand']} − {issued} issued ≠ {on_hand} on hand")
    delivered = orders.filtered("delivery_date")
    calls = env["aftersales.followup.call"].search([("repair_id", "in", delivered.ids)])
    calls_by_order = {}
    for call in calls:
        calls_by_order.setdefault((call.repair_id.id, call.kind), []).append(call)
    twice = [key for key, found in calls_by_order.items() if len(found) > 1]
    if twice:
        errors.append(f"{len(twice)} orders with a follow-up call of one kind twice")
    called = {order_id for order_id, _kind in calls_by_order}
    without_call = delivered.filtered(lambda order: order.id not in called)
    if without_call:
        errors.append(f"{len(without_call)} delivered orders without a follow-up call")
    env.cr.execute(SQL(
        """
        SELECT COUNT(*) FROM (SELECT 1 FROM aftersales_reminder GROUP BY vehicle_id, kind, due_date
                              HAVING COUNT(*) > 1) duplicates
        """))
    duplicate_reminders = env.cr.fetchone()[0]
    if duplicate_reminders:
        errors.append(f"{duplicate_reminders} duplicate reminders")
    done_calls = calls.filtered(lambda call: call.state == "done")
    print(f"books: {len(orders)} work orders opened, {len(approved)} approved, "
          f"{len(orders.filtered(lambda order: order.state == 'done'))} repaired, {len(delivered)} delivered, "
          f"{len(settled)} settled ({sum(settled.aftersales_invoice_ids.mapped('amount_total')):.2f} invoiced), "
          f"{paid} paid; {issued:.0f} × {part.display_name} issued, {state['on_hand']:.0f} → {on_hand:.0f} on hand; "
          f"{len(calls)} follow-up calls, {len(done_calls)} recorded; {duplicate_reminders} duplicate reminders")
    for error in errors[:20]:
        print(f"  OFF: {error}")
    print("books exact" if not errors else f"books OFF: {len(errors)} findings")
    return not errors


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=("prepare", "check"))
    parser.add_argument("--state", required=True, help="the file prepare writes and check reads")
    parser.add_argument("--technicians", type=int, default=20)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    initialize_sys_path()
    db_name = config["db_name"][0] if isinstance(config["db_name"], list) else config["db_name"]
    with Registry(db_name).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "zh_CN"})
        if args.step == "prepare":
            prepare(env, args.state, args.technicians)
        elif not check(env, args.state):
            sys.exit(1)


if __name__ == "__main__":
    main()
