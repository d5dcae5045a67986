"""Load test: the after-sales roles at work at once, through the web client's JSON-RPC (Locust).

Run it with benchmarks/load_test.sh, which starts Odoo's multi-process server on the loopback on the
database given, runs this file headless for a bounded number of users and minutes, and prints Locust's
table: per action the request count, failures, median (p50), p95 and throughput.

Each simulated user logs in as the demo user of its role (bin/test's demo database) and repeats what that
role does most often:

- advisor: finds a car by its plate as typed, checks it in (concerns, signature), opens the work order,
  sets the hours and the five confirmations and records the customer's approval (the visit's money path);
- technician: reads the day's jobs, opens one;
- parts clerk: reads the parts stock and the issue notes;
- cashier: reads the queue of orders to collect, opens one with its amounts per payer;
- follow-up agent: reads the calls due, opens one;
- service manager: reads the work-order board grouped by stage.

A business refusal (an Odoo UserError: a rule of the step) is a failure of its action in the table: the
target is none. Every check-in works on a car of its own, so concurrent users never fight for one record.
"""

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

    def call(self, model, method, args=(), kwargs=None, name=None):
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}", {
            "model": model, "method": method, "args": list(args),
            "kwargs": dict(kwargs or {}, context={"lang": "zh_CN", "tz": "Asia/Shanghai"}),
        }, name=name or f"{model}.{method}")

    def search_read(self, model, domain, fields, name, limit=80, **kwargs):
        result = self.call(model, "web_search_read", kwargs=dict(
            domain=domain, specification={field: {} for field in fields}, limit=limit, **kwargs), name=name)
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
        try:
            self._visit(vehicle)
        finally:
            self._give_back(vehicle)

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
        self.call("repair.order", "web_save", args=[[order_id], {
            "job_ids": [(1, job["id"], {"labour_hours": 1.0}) for job in jobs],
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
        if wizard:
            self.rpc("/web/dataset/call_button/aftersales.approval.wizard/action_approve", {
                "model": "aftersales.approval.wizard", "method": "action_approve", "args": [[wizard[0]["id"]]],
                "kwargs": {"context": context},
            }, name="advisor: customer approval")


class Technician(OdooUser):
    login = "as_technician"
    weight = 3

    @task
    def my_jobs(self):
        jobs = self.search_read("aftersales.job", [("repair_id.state", "in", ("confirmed", "under_repair"))],
                                ["name", "repair_id", "labour_hours"], "technician: my jobs", limit=40)
        if jobs:
            self.call("aftersales.job", "web_read", args=[[random.choice(jobs)["id"]]],
                      kwargs={"specification": {"name": {}, "repair_id": {}, "labour_hours": {}}},
                      name="technician: open a job")


class PartsClerk(OdooUser):
    login = "as_parts"
    weight = 1

    @task
    def stock_and_notes(self):
        self.search_read("stock.quant", [("location_id.usage", "=", "internal")],
                         ["product_id", "quantity", "reserved_quantity"], "parts: stock", limit=80)
        self.search_read("aftersales.parts.issue", [], ["name", "state"], "parts: issue notes", limit=40)


class Cashier(OdooUser):
    login = "as_cashier"
    weight = 1

    @task
    def queue(self):
        orders = self.search_read("repair.order", [("is_aftersales", "=", True)],
                                  ["name", "amount_customer", "aftersales_stage"], "cashier: orders to collect",
                                  limit=40)
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
        if calls:
            self.call("aftersales.followup.call", "web_read", args=[[random.choice(calls)["id"]]],
                      kwargs={"specification": {"repair_id": {}, "partner_id": {}, "score": {}}},
                      name="follow-up: open a call")


class ServiceManager(OdooUser):
    login = "as_manager"
    weight = 1

    @task
    def board(self):
        self.call("repair.order", "web_read_group", kwargs={
            "domain": [("is_aftersales", "=", True)], "groupby": ["aftersales_stage"],
            "aggregates": ["amount_total:sum"],
        }, name="manager: board by stage")
