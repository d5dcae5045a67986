"""Load test: the after-sales roles at work at once, through the web client's JSON-RPC (Locust).

Run it with benchmarks/load_test.sh, which starts Odoo's multi-process server on the loopback on the
database given, runs this file headless for a bounded number of users and minutes, and prints Locust's
table: per action the request count, failures, median (p50), p95 and throughput.

Each simulated user logs in as a demo user of its role (bin/test's demo database; the technicians as logins
of their own, which benchmarks/load_books.py prepares) and does what that role does, the visits passing from
hand to hand as in the workshop:

- advisor: finds a car by its plate as typed, checks it in (concerns, signature), opens the work order, sets the
  hours, a part and the five confirmations and records the customer's approval; hands repaired cars back with the
  final check;
- workshop foreman: takes the approved car into the workshop and dispatches its jobs to a technician;
- parts clerk: prepares the issue note of the reserved part and hands it over once the technician signed;
- technician: signs for his parts, clocks on and off each of his jobs (one at a time), reads his jobs;
- QC inspector: passes the car and ends the repair;
- cashier: settles the delivered order (the customer's invoice), takes the payment and issues the gate pass;
  reads the queue;
- follow-up agent: records the first call after delivery (satisfied), reads the calls due;
- service manager: reads the workshop's Progress Board (the cars still in the flow, by stage).

A business refusal (an Odoo UserError: a rule of the step) is a failure of its action in the table: the
target is none. Every check-in works on a car of its own, so concurrent users never fight for one record;
benchmarks/load_books.py checks the books afterwards.
"""

import ast
import collections
import itertools
import os
import random
import threading

from locust import HttpUser, between, task

SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
DATABASE = os.environ.get("AFTERSALES_LOAD_DB", "aftersales_test")
_call_ids = itertools.count(1)
_vehicles_lock = threading.Lock()
_vehicles = []
PART_ID = int(os.environ.get("AFTERSALES_LOAD_PART") or 0)
TECHNICIAN_LOGINS = [login for login in os.environ.get("AFTERSALES_LOAD_TECHNICIANS", "").split(",") if login]
# The visits passing from role to role: each queue holds the visits waiting for that role's step.
_pipeline_lock = threading.Lock()
_queues = {step: collections.deque() for step in ("dispatch", "issue", "hand_over", "qc", "deliver", "settle")}
_technician_queues = {}  # technician's user id: his visits waiting for him (to sign for parts, to work on)
_free_technician_logins = list(TECHNICIAN_LOGINS)
_calls_taken = set()  # the follow-up calls an agent has taken


def hand_on(step, visit):
    with _pipeline_lock:
        _queues[step].append(visit)


def take(step):
    with _pipeline_lock:
        return _queues[step].popleft() if _queues[step] else None


class OdooUser(HttpUser):
    """A web client session: logs in, then calls models as the browser does."""

    abstract = True
    login = None
    wait_time = between(1, 3)

    def on_start(self):
        result = self.rpc("/web/session/authenticate", {"db": DATABASE, "login": self.login,
                                                        "password": self.login}, name="login")
        self.uid = result and result.get("uid")

    def rpc(self, url, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(_call_ids), "params": params}
        with self.client.post(url, json=payload, name=name, catch_response=True) as response:
            try:
                body = response.json()
            except ValueError:
                response.failure(f"not JSON: HTTP {response.status_code}")
                return None
            if body.get("error"):
                data = body["error"].get("data") or {}
                response.failure(f"{data.get('name', 'error')}: {data.get('message', '')[:120]}")
                return None
            response.success()
            return body.get("result")

    def call(self, model, method, args=(), kwargs=None, name=None, context=None):
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args),
            "kwargs": dict(kwargs or {}, context=dict(context or {}, lang="zh_CN", tz="Asia/Shanghai")),
        }, name=name or f"{model}.{method}")

    def wizard(self, model, values, method, name, context=None):
        """A dialog as the web client runs it: saved, then its button."""
        created = self.call(model, "create", args=[values], context=context, name=f"{name} (dialog)")
        if not created:
            return None
        wizard_id = created[0] if isinstance(created, list) else created
        return self.call(model, method, args=[[wizard_id]], context=context, name=name) is not None

    def search_read(self, model, domain, fields, name, limit=80, **kwargs):
        # The web client's lists count at most 10 000 records beyond the page (relational_model's count limit).
        result = self.call(model, "web_search_read", kwargs=dict(
            domain=domain, specification={field: {} for field in fields}, limit=limit, count_limit=10001, **kwargs),
            name=name)
        return (result or {}).get("records", [])


class Advisor(OdooUser):
    login = "as_advisor"
    weight = 4

    def on_start(self):
        super().on_start()
        with _vehicles_lock:
            if not _vehicles:
                _vehicles.extend(self.search_read(
                    "fleet.vehicle", [("vehicle_usage", "=", "customer")],
                    ["license_plate", "current_mileage"], "load: vehicles", limit=500))
                random.shuffle(_vehicles)

    def _take_vehicle(self):
        with _vehicles_lock:
            return _vehicles.pop() if _vehicles else None

    def _give_back(self, vehicle):
        with _vehicles_lock:
            _vehicles.insert(0, vehicle)

    @task(3)
    def find_the_car(self):
        vehicle = random.choice(_vehicles) if _vehicles else None
        plate = (vehicle or {}).get("license_plate") or "浙A"
        typed = plate.replace("·", "").lower()[-5:]  # as the customer says it
        self.call("fleet.vehicle", "name_search", kwargs={"name": typed, "limit": 8}, name="advisor: find the car")

    @task(1)
    def check_in_and_approval(self):
        vehicle = self._take_vehicle()
        if not vehicle:
            return
        handed_on = False
        try:
            handed_on = self._visit(vehicle)
        finally:
            if not handed_on:
                self._give_back(vehicle)  # else the car stays in the workshop until it is handed back

    def _visit(self, vehicle):
        mileage = int(vehicle.get("current_mileage") or 0) + random.randint(100, 3000)
        check_in_id = self.call("aftersales.check.in", "create", args=[{
            "vehicle_id": vehicle["id"], "odometer": mileage, "customer_signature": SIGNATURE,
            "concern_ids": [(0, 0, {"name": "保养"}), (0, 0, {"name": "刹车异响"})],
        }], name="advisor: check-in")
        if not check_in_id:
            return
        vehicle["current_mileage"] = mileage
        check_in_id = check_in_id[0] if isinstance(check_in_id, list) else check_in_id
        if self.call("aftersales.check.in", "action_sign", args=[[check_in_id]], name="advisor: signature") is None:
            return
        action = self.call("aftersales.check.in", "action_create_work_order", args=[[check_in_id]],
                           name="advisor: work order")
        if not action:
            return
        order_id = action["res_id"]
        order = self.call("repair.order", "web_read", args=[[order_id]], kwargs={"specification": {
            "name": {}, "schedule_date": {}, "job_ids": {"fields": {"name": {}}},
        }}, name="advisor: open the work order")
        if not order:
            return
        jobs = order[0]["job_ids"]
        parts = [(0, 0, {"repair_line_type": "add", "product_id": PART_ID, "product_uom_qty": 1,
                         "aftersales_job_id": jobs[0]["id"]})] if PART_ID and jobs else []
        self.call("repair.order", "web_save", args=[[order_id], {
            "job_ids": [(1, job["id"], {"labour_hours": 1.0}) for job in jobs],
            "move_ids": parts,
            "confirm_jobs": True, "confirm_estimate": True, "confirm_promised_time": True,
            "promised_date": order[0]["schedule_date"], "replaced_parts_disposal": "customer_keeps",
            "car_wash": "wash", "payment_method": "wechat",
        }], kwargs={"specification": {"estimate_total": {}}}, name="advisor: five confirmations")
        wizard_action = self.call("repair.order", "action_open_approval_wizard", args=[[order_id]],
                                  name="advisor: approval dialog")
        if not wizard_action:
            return
        context = dict(wizard_action["context"], lang="zh_CN", tz="Asia/Shanghai")
        wizard = self.rpc("/web/dataset/call_kw/aftersales.approval.wizard/web_save", {
            "model": "aftersales.approval.wizard", "method": "web_save",
            "args": [[], {"channel": "phone", "approved_by": "王小明"}],
            "kwargs": {"specification": {}, "context": context},
        }, name="advisor: approval dialog saved")
        if wizard and self.rpc("/web/dataset/call_button/aftersales.approval.wizard/action_approve", {
            "model": "aftersales.approval.wizard", "method": "action_approve", "args": [[wizard[0]["id"]]],
            "kwargs": {"context": context},
        }, name="advisor: customer approval") is not None:
            hand_on("dispatch", {"order": order_id, "jobs": [job["id"] for job in jobs], "mileage": mileage,
                                 "vehicle": vehicle})
            return True
        return False

    @task(2)
    def deliver(self):
        visit = take("deliver")
        if not visit:
            return
        try:
            self._hand_back(visit)
        finally:
            self._give_back(visit["vehicle"])

    def _hand_back(self, visit):
        action = self.call("repair.order", "action_open_delivery_wizard", args=[[visit["order"]]],
                           name="advisor: delivery dialog")
        if not action:
            return
        context = action["context"]
        mileage_out = visit["mileage"] + 5
        created = self.call("aftersales.delivery.wizard", "create", args=[{"mileage_out": mileage_out}],
                            context=context, name="advisor: delivery dialog saved")
        if not created:
            return
        delivery_id = created[0] if isinstance(created, list) else created
        lines = self.call("aftersales.delivery.wizard", "read", args=[[delivery_id], ["check_line_ids"]],
                          context=context, name="advisor: final check")
        if lines and lines[0]["check_line_ids"]:
            self.call("aftersales.delivery.wizard.line", "write", args=[lines[0]["check_line_ids"], {"is_done": True}],
                      context=context, name="advisor: final check ticked")
        if self.call("aftersales.delivery.wizard", "action_deliver", args=[[delivery_id]], context=context,
                     name="advisor: car handed back") is not None:
            visit["vehicle"]["current_mileage"] = mileage_out
            hand_on("settle", visit)


class Foreman(OdooUser):
    login = "as_foreman"
    weight = 1

    @task
    def dispatch(self):
        visit = take("dispatch")
        if not visit:
            return
        with _pipeline_lock:
            technician = min(_technician_queues, key=lambda uid: len(_technician_queues[uid]), default=None)
        if technician is None:
            hand_on("dispatch", visit)  # no technician at work yet
            return
        if self.call("repair.order", "action_handover_to_workshop", args=[[visit["order"]]],
                     name="foreman: car into the workshop") is None:
            return
        if self.wizard("aftersales.dispatch.wizard", {"job_ids": [(6, 0, visit["jobs"])],
                                                      "technician_ids": [(6, 0, [technician])]},
                       "action_dispatch", "foreman: jobs dispatched"):
            visit["technician"] = technician
            hand_on("issue", visit)


class Technician(OdooUser):
    """A technician of his own login: the workshop rule lets him clock one job at a time."""

    weight = 3

    def on_start(self):
        with _pipeline_lock:
            self.login = _free_technician_logins.pop(0) if _free_technician_logins else None
        if not self.login:
            self.login = "as_technician"  # more sessions than logins: he only reads his jobs
            super().on_start()
            return
        super().on_start()
        if self.uid:
            with _pipeline_lock:
                _technician_queues[self.uid] = collections.deque()

    def _my_next(self):
        with _pipeline_lock:
            queue = _technician_queues.get(self.uid)
            return queue.popleft() if queue else None

    @task(3)
    def work(self):
        item = self._my_next()
        if not item:
            return
        visit = item["visit"]
        if item["step"] == "sign":
            action = self.call("aftersales.parts.issue", "action_open_technician_sign", args=[[item["issue"]]],
                               name="technician: sign for the parts (dialog)")
            if action and self.wizard("aftersales.parts.issue.sign", {"signature": SIGNATURE}, "action_sign",
                                      "technician: signed for the parts", context=action["context"]):
                hand_on("hand_over", dict(visit, issue=item["issue"]))
            return
        for job_id in visit["jobs"]:
            if self.call("aftersales.job", "action_clock_start", args=[[job_id]],
                         name="technician: clock on") is None:
                return
            if self.call("aftersales.job", "action_clock_finish", args=[[job_id]],
                         name="technician: job finished") is None:
                return
        hand_on("qc", visit)

    @task
    def my_jobs(self):
        jobs = self.search_read("aftersales.job", [("repair_id.state", "in", ("confirmed", "under_repair"))],
                                ["name", "repair_id", "labour_hours"], "technician: my jobs", limit=40)
        if jobs:
            self.call("aftersales.job", "web_read", args=[[random.choice(jobs)["id"]]],
                      kwargs={"specification": {"name": {}, "repair_id": {}, "labour_hours": {}}},
                      name="technician: open a job")


def for_technician(visit, item):
    with _pipeline_lock:
        _technician_queues[visit["technician"]].append(dict(item, visit=visit))


class PartsClerk(OdooUser):
    login = "as_parts"
    weight = 2

    @task(2)
    def issue(self):
        # The parts a technician signed for are handed over first: he is waiting at the counter.
        visit = take("hand_over")
        if visit:
            if self.call("aftersales.parts.issue", "action_validate", args=[[visit["issue"]]],
                         name="parts: parts handed over") is not None:
                for_technician(visit, {"step": "work"})
            return
        visit = take("issue")
        if visit:
            action = self.call("repair.order", "action_create_parts_issue", args=[[visit["order"]]],
                               name="parts: issue note prepared")
            if action:
                for_technician(visit, {"step": "sign", "issue": action["res_id"]})

    @task
    def stock_and_notes(self):
        self.search_read("stock.quant", [("location_id.usage", "=", "internal")],
                         ["product_id", "quantity", "reserved_quantity"], "parts: stock", limit=80)
        self.search_read("aftersales.parts.issue", [], ["name", "state"], "parts: issue notes", limit=40)


class QualityInspector(OdooUser):
    login = "as_qc"
    weight = 1

    @task
    def inspect(self):
        visit = take("qc")
        if not visit:
            return
        created = self.call("aftersales.quality.check", "create", args=[{
            "repair_id": visit["order"], "jobs_checked": True, "road_test_done": True, "wash_done": True,
        }], name="QC: check opened")
        check_id = created and (created[0] if isinstance(created, list) else created)
        if not check_id:
            return
        if self.call("aftersales.quality.check", "action_pass", args=[[check_id]], name="QC: passed") is None:
            return
        if self.call("aftersales.quality.check", "action_end_repair", args=[[check_id]],
                     name="QC: repair ended") is not None:
            hand_on("deliver", visit)


class Cashier(OdooUser):
    login = "as_cashier"
    weight = 2

    def on_start(self):
        super().on_start()
        # The To Collect list as its menu opens it: its action's own domain, in its list's order.
        action = self.rpc("/web/action/load", {"action_id": "aftersales_reception.repair_order_to_collect_action"},
                          name="cashier: open To Collect") or {}
        self.queue_domain = ast.literal_eval(action.get("domain") or "[]")

    @task(2)
    def settle_and_collect(self):
        visit = take("settle")
        if not visit:
            return
        if self.call("repair.order", "action_settle", args=[[visit["order"]]], name="cashier: settled") is None:
            return
        order = self.call("repair.order", "web_read", args=[[visit["order"]]], kwargs={"specification": {
            "aftersales_invoice_ids": {}}}, name="cashier: invoices of the order")
        invoices = order and order[0]["aftersales_invoice_ids"]
        if not invoices:
            return
        if self.wizard("account.payment.register", {}, "action_create_payments", "cashier: payment taken",
                       context={"active_model": "account.move", "active_ids": invoices}):
            self.call("repair.order", "action_issue_gate_pass", args=[[visit["order"]]], name="cashier: gate pass")

    @task
    def queue(self):
        orders = self.search_read("repair.order", self.queue_domain,
                                  ["name", "license_plate", "partner_id", "user_id", "customer_amount_due",
                                   "payment_method", "promised_date", "delivery_date", "credit_allowed"],
                                  "cashier: orders to collect", limit=80, order="delivery_date, promised_date, id")
        if orders:
            self.call("repair.order", "web_read", args=[[random.choice(orders)["id"]]], kwargs={"specification": {
                "name": {}, "amount_customer": {}, "amount_total": {}, "amount_warranty": {},
                "amount_insurance": {},
            }}, name="cashier: open an order")


class FollowupAgent(OdooUser):
    login = "as_followup"
    weight = 1

    @task
    def calls(self):
        calls = self.search_read("aftersales.followup.call", [("state", "=", "to_call")],
                                 ["repair_id", "partner_id", "due_date"], "follow-up: calls due", limit=40)
        # Each agent takes a call of his own, as the team shares the day's list out.
        with _pipeline_lock:
            free = [call["id"] for call in calls if call["id"] not in _calls_taken]
            call_id = random.choice(free) if free else None
            if call_id:
                _calls_taken.add(call_id)
        if not call_id:
            return
        self.call("aftersales.followup.call", "web_read", args=[[call_id]],
                  kwargs={"specification": {"repair_id": {}, "partner_id": {}, "score": {}}},
                  name="follow-up: open a call")
        if self.call("aftersales.followup.call", "write", args=[[call_id], {"customer_words": "很满意", "score": 5}],
                     name="follow-up: customer's words") is not None:
            self.call("aftersales.followup.call", "action_outcome_satisfied", args=[[call_id]],
                      name="follow-up: call recorded")


class ServiceManager(OdooUser):
    login = "as_manager"
    weight = 1

    def on_start(self):
        super().on_start()
        # The workshop's Progress Board as its menu opens it: its action's own domain and context (columns).
        action = self.rpc("/web/action/load", {"action_id": "aftersales_workshop.repair_order_progress_board_action"},
                          name="manager: open the Progress Board") or {}
        self.board_domain = ast.literal_eval(action.get("domain") or "[]")
        self.board_context = ast.literal_eval(action.get("context") or "{}")

    @task
    def board(self):
        self.call("repair.order", "web_read_group", kwargs={
            "domain": self.board_domain, "groupby": ["aftersales_stage"], "aggregates": ["amount_total:sum"],
        }, context=self.board_context, name="manager: board by stage")
