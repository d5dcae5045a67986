"""Bad input gets a clear error, in the user's language, and changes nothing.

A catalogue: each case is what a role would type (model, user, values), the refusal it must get
(a regular expression of the whole message) and, after the refusal, the proof that nothing was
written: the number of records of every after-sales model and the values of the fields the case
touched are what they were before.
"""
import re
from datetime import date, timedelta
from typing import NamedTuple

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.translate import LazyTranslate

from .common_visit import SIGNATURE, VisitCase, VisitStepsMixin, installed_visit_steps

_base_lt = LazyTranslate("base")  # Odoo's own words, as its RPC layer says them
LONG_TEXT = "浙" * 10_000
# The installed addons add theirs (VisitSteps.bad_input_models).
COUNTED_MODELS = (
    "fleet.vehicle", "fleet.vehicle.odometer", "res.partner", "aftersales.appointment", "aftersales.check.in",
    "aftersales.check.in.concern", "aftersales.check.in.damage", "aftersales.job", "aftersales.approval",
    "repair.order", "stock.move", "account.move",
)


class Case(NamedTuple):
    label: str
    role: str  # who types it: advisor, manager, admin, or a role of the addon's VisitSteps.roles
    target: str  # a model to create in, or the fixture the action applies to
    action: str  # "create", "write", or the name of the business method called
    values: object  # values (create, write) or {"args": ..., "kwargs": ...} (method); or a function of the test
    regex: str  # the whole refusal message, in English
    watch: tuple = ()  # (fixture, fields) re-read after a refused method call


def _case(label, role, target, action, values, regex, watch=()):
    return Case(label, role, target, action, values, regex, watch)


def _next_monday_10am(test, weeks=0):
    # 10:00 in Shanghai: a bookable reception slot (08:00 starts the day, every fourth slot is a buffer).
    return test._next_monday(hour_utc=2) + timedelta(weeks=weeks)


CASES = [
    # ------------------------------------------------------------------ vehicles
    _case("VIN of 16 characters", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(vin_sn="LTV2A21K5M304084"),
          r"^The VIN LTV2A21K5M304084 has 16 characters; a VIN has exactly 17\.$"),
    _case("VIN with the letter O", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(vin_sn="LTV2A21K0M30408O5"),
          r"^The VIN LTV2A21K0M30408O5 contains O: a VIN uses only digits and the letters A to Z without I, O "
          r"and Q \(they are confused with 1 and 0\)\.$"),
    _case("VIN with a wrong check digit", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(vin_sn=t._bad_check_digit_vin()),
          r"^The VIN \w{17} is not valid: its check digit \(9th character\) is \w but should be \w\. Check the "
          r"VIN for a typing error; for imported vehicles without a check digit, untick 'Verify VIN Check "
          r"Digit' on the brand\.$"),
    _case("VIN of 10 000 characters, not repeated back whole", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(vin_sn="L" * 10_000),
          r"^The VIN L{17}… has 10000 characters; a VIN has exactly 17\.$"),
    _case("VIN mistyped on an existing vehicle", "advisor", "vehicle", "write", {"vin_sn": "LTV2A"},
          r"^The VIN LTV2A has 5 characters; a VIN has exactly 17\.$"),
    _case("VIN already registered", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(vin_sn=t.vehicle.vin_sn.lower()),
          r"^The operation cannot be completed: A vehicle with this VIN is already registered in this company\.$"),
    _case("plate of 10 000 characters", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(license_plate=LONG_TEXT),
          r"^License Plate is too long: 10000 characters where at most 20 are accepted\. Check what was typed "
          r"or pasted\.$"),
    _case("plate of 21 characters on an existing vehicle", "advisor", "vehicle", "write",
          {"license_plate": "浙A·12345 浙A·12345 浙A1"},
          r"^License Plate is too long: 21 characters where at most 20 are accepted\. .+$"),
    _case("engine number of 31 characters", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(engine_number="E" * 31),
          r"^Engine Number is too long: 31 characters where at most 30 are accepted\. .+$"),
    _case("customer vehicle without owner", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(customer_id=False),
          r"^The customer vehicle .+ needs an owner\.$"),
    _case("sale date in the future", "advisor", "fleet.vehicle", "create",
          lambda t: t._vehicle_values(sale_date=date.today() + timedelta(days=1)),
          r"^The sale date of .+ cannot be in the future\.$"),
    _case("warranty starting before the sale", "advisor", "vehicle", "write", {"warranty_start_date": "2023-04-30"},
          r"^The warranty of .+ cannot start before the vehicle was sold\.$"),
    # ------------------------------------------------------------------ mileage readings
    _case("reading of 10 billion km", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 10_000_000_000, "date": date.today()},
          r"^A mileage reading of 10000000000 km for .+ is beyond the highest plausible reading of 2000000 km "
          r"\(after-sales settings\): check the figure on the dashboard\.$"),
    _case("negative reading", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": -5, "date": date.today()},
          r"^The operation cannot be completed: A mileage reading cannot be negative\.$"),
    _case("reading dated tomorrow", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 32000, "date": date.today() + timedelta(days=1)},
          r"^The mileage reading of .+ is dated \d{4}-\d\d-\d\d, in the future\.$"),
    _case("reading lower than the last one", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 25000, "date": date.today()},
          r"^The mileage of .+ cannot go down from 31000\.0 to 25000\.0\. If the meter was replaced or the "
          r"earlier reading was mistyped, record a correction with its reason\.$"),
    _case("old reading higher than a later one", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 35000, "date": "2025-01-01"},
          r"^The mileage reading of 35000\.0 for .+ on 2025-01-01 is higher than a later reading of 30000\.0\.$"),
    _case("correction without reason", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 12, "date": date.today(), "is_correction": True},
          r"^A mileage correction needs a reason\.$"),
    _case("correction note of 257 characters", "advisor", "fleet.vehicle.odometer", "create",
          lambda t: {"vehicle_id": t.vehicle.id, "value": 12, "date": date.today(), "is_correction": True,
                     "correction_reason": "other", "correction_note": "x" * 257},
          r"^Correction Note is too long: 257 characters where at most 256 are accepted\. .+$"),
    # ------------------------------------------------------------------ customers
    _case("phone of 10 000 characters", "advisor", "res.partner", "create",
          {"name": "刘洋", "phone": "1" * 10_000},
          r"^Phone is too long: 10000 characters where at most 32 are accepted\. Check what was typed or "
          r"pasted\.$"),
    _case("phone without digits", "advisor", "customer", "write", {"phone": "call me"},
          r"^The phone number of 王小明 has no digits: call me\.$"),
    _case("birthday in the future", "advisor", "res.partner", "create",
          lambda t: {"name": "刘洋", "birthday": date.today() + timedelta(days=1)},
          r"^The birthday of 刘洋, \d{4}-\d\d-\d\d, is in the future\.$"),
    _case("birthday in 1850", "advisor", "customer", "write", {"birthday": "1850-05-01"},
          r"^The birthday of 王小明, 1850-05-01, is before 1900: check the year\.$"),
    _case("call window upside down", "advisor", "customer", "write", {"call_time_from": 20.0, "call_time_to": 8.0},
          r"^The call window of 王小明 must start before it ends, between 00:00 and 24:00\.$"),
    # ------------------------------------------------------------------ appointments
    _case("booking in the past", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t, weeks=-2)),
          r"^The arrival .+ is in the past: book a time from now on \(a customer who is here now is booked as a "
          r"walk-in at the current time\)\.$"),
    _case("walk-in two hours ago", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=fields.Datetime.now() - timedelta(hours=2), source="walk_in"),
          r"^The arrival .+ is in the past: .+$"),
    _case("booking moved to the past", "advisor", "appointment", "write",
          lambda t: {"start_date": _next_monday_10am(t, weeks=-1)},
          r"^The arrival .+ is in the past: .+$"),
    _case("booking two years ahead", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t, weeks=104)),
          r"^The arrival .+ is more than a year ahead: check the year\.$"),
    _case("booking without workshop hours", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t) + timedelta(minutes=15), duration=0),
          r"^The operation cannot be completed: An appointment needs workshop hours\.$"),
    _case("booking changed to negative hours", "advisor", "appointment", "write", {"duration": -2},
          r"^An appointment needs workshop hours: enter the expected hours of the visit\.$"),
    _case("booking of 500 workshop hours", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t) + timedelta(minutes=15), duration=500),
          r"^An appointment of 500\.0 workshop hours is beyond the 200\.0 hours a job may take \(after-sales "
          r"settings\): check the figure\.$"),
    _case("booking on a buffer slot", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t) - timedelta(minutes=15)),
          r"^.+ is kept free as a buffer between bookings; pick another slot\.$"),
    _case("booking at 05:00", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(start_date=_next_monday_10am(t) - timedelta(hours=5)),
          r"^.+ is not a reception slot of 张敏: pick a free slot within working hours\.$"),
    _case("booking beyond capacity by an advisor", "advisor", "aftersales.appointment", "create",
          lambda t: t._appointment_values(capacity_override=True),
          r"^Only the service manager can book beyond the workshop's capacity\.$"),
    _case("requested services of 10 000 characters", "advisor", "appointment", "write",
          {"requested_services": LONG_TEXT},
          r"^Requested Services is too long: 10000 characters where at most 2000 are accepted\. .+$"),
    # ------------------------------------------------------------------ check-in
    _case("check-in at 10 billion km", "advisor", "aftersales.check.in", "create",
          lambda t: t._check_in_values(odometer=1e10),
          r"^A mileage reading of 10000000000 km for .+ is beyond the highest plausible reading of 2000000 km .+$"),
    _case("check-in at negative mileage", "advisor", "aftersales.check.in", "create",
          lambda t: t._check_in_values(odometer=-100),
          r"^The operation cannot be completed: A mileage reading cannot be negative\.$"),
    _case("check-in below the last reading", "advisor", "aftersales.check.in", "create",
          lambda t: t._check_in_values(odometer=29000),
          r"^The mileage of .+ cannot go down from 31000\.0 to 29000\.0\. .+$"),
    _case("draft check-in mileage changed to 10 billion km", "advisor", "draft_check_in", "write",
          {"odometer": 1e10}, r"^A mileage reading of 10000000000 km for .+ is beyond .+$"),
    _case("check-in arriving tomorrow", "advisor", "aftersales.check.in", "create",
          lambda t: t._check_in_values(check_in_date=fields.Datetime.now() + timedelta(days=1)),
          r"^The arrival on check-in .+, .+, is in the future: the car is checked in when it is here\.$"),
    _case("key tag of 21 characters", "advisor", "draft_check_in", "write", {"key_tag": "K" * 21},
          r"^Key Tag is too long: 21 characters where at most 20 are accepted\. .+$"),
    _case("valuables of 10 000 characters", "advisor", "draft_check_in", "write", {"valuables": LONG_TEXT},
          r"^Valuables in the Car is too long: 10000 characters where at most 1000 are accepted\. .+$"),
    _case("concern of 501 characters", "advisor", "draft_check_in", "write",
          {"concern_ids": [Command.create({"name": "响" * 501})]},
          r"^Concern is too long: 501 characters where at most 500 are accepted\. .+$"),
    _case("concern of spaces only", "advisor", "draft_check_in", "write",
          {"concern_ids": [Command.create({"name": "   "})]},
          r"^Concern holds only spaces: fill it in\.$"),
    _case("damage note of 257 characters", "advisor", "draft_check_in", "write",
          {"damage_ids": [Command.create({"location": "bonnet", "note": "划" * 257})]},
          r"^Note is too long: 257 characters where at most 256 are accepted\. .+$"),
    _case("mileage of a signed check-in changed", "advisor", "signed_check_in", "write", {"odometer": 51000},
          r"^A signed check-in sheet cannot be changed\.$"),
    _case("check-in signed without signature", "advisor", "draft_check_in", "action_sign", {},
          r"^The customer signs the check-in sheet before the car is taken in\.$", ("draft_check_in", ["state"])),
    _case("check-in signed without concerns", "advisor", "bare_check_in", "_sign",
          {"kwargs": {"signature": SIGNATURE}},
          r"^Write down at least one concern in the customer's words\.$", ("bare_check_in", ["state"])),
    _case("work order from an unsigned check-in", "advisor", "draft_check_in", "action_create_work_order", {},
          r"^Have the customer sign the check-in sheet first\.$", ("draft_check_in", ["state", "repair_id"])),
    # ------------------------------------------------------------------ jobs
    _case("job of 100 000 labour hours", "advisor", "aftersales.job", "create",
          lambda t: {"repair_id": t.order_b.id, "name": "大修", "labour_hours": 100_000},
          r"^Job 大修 has 100000\.0 labour hours; a job takes at most 200\.0 hours \(after-sales settings\)\. "
          r"Check the figure, or split the work into several jobs\.$"),
    _case("negative labour hours", "advisor", "job_b", "write", {"labour_hours": -1},
          r"^Job 保养: labour hours, hourly rate and added time cannot be negative\.$"),
    _case("negative labour rate", "advisor", "job_b", "write", {"labour_rate": -300},
          r"^Job 保养: labour hours, hourly rate and added time cannot be negative\.$"),
    _case("new job with a negative rate", "advisor", "aftersales.job", "create",
          lambda t: {"repair_id": t.order_b.id, "name": "洗车", "labour_hours": 1, "labour_rate": -50},
          r"^The operation cannot be completed: Labour hours and rates cannot be negative\.$"),
    _case("additional work adding 500 hours", "advisor", "aftersales.job", "create",
          lambda t: {"repair_id": t.order_b.id, "name": "更换水泵", "labour_hours": 2, "added_hours": 500,
                     "is_additional": True},
          r"^Job 更换水泵 has 500\.0 labour hours; .+$"),
    _case("job name of 257 characters", "advisor", "aftersales.job", "create",
          lambda t: {"repair_id": t.order_b.id, "name": "修" * 257},
          r"^Job is too long: 257 characters where at most 256 are accepted\. .+$"),
    _case("job name of spaces only", "advisor", "job_b", "write", {"name": "  "},
          r"^Job holds only spaces: fill it in\.$"),
    _case("approved job deleted", "advisor", "job_c", "unlink", {},
          r"^An approved job cannot be deleted; the customer approved it\. Record a new decision instead\.$",
          ("job_c", ["state"])),
    # ------------------------------------------------------------------ parts on the work order
    _case("part quantity of 1 000 000 000", "advisor", "stock.move", "create",
          lambda t: t._part_values(product_uom_qty=1_000_000_000),
          r"^1000000000\.0 Units of .+ is more than the 1000\.0 a part line may hold \(after-sales settings\): "
          r"check the quantity\.$"),
    _case("negative part quantity", "advisor", "stock.move", "create",
          lambda t: t._part_values(product_uom_qty=-5),
          r"^The quantity of .+ cannot be negative \(-5\.0\): to take a part back, return it to the store\.$"),
    _case("part quantity changed to -1", "advisor", "part_b", "write", {"product_uom_qty": -1},
          r"^The quantity of .+ cannot be negative \(-1\.0\): .+$"),
    _case("part quantity changed to 1 001", "advisor", "part_b", "write", {"product_uom_qty": 1001},
          r"^1001\.0 Units of .+ is more than the 1000\.0 a part line may hold .+$"),
    _case("negative part price", "advisor", "part_b", "write", {"billing_price_unit": -290},
          r"^The unit price of .+ cannot be negative \(-290\.0\)\.$"),
    # ------------------------------------------------------------------ work order and approval
    _case("promised time before the order's date", "advisor", "order_b", "write",
          lambda t: {"promised_date": t.order_b.schedule_date - timedelta(hours=1)},
          r"^The promised time .+ of .+ is before the work order's date .+\.$"),
    _case("approval with no channel", "advisor", "order_b", "_record_approval",
          {"args": (False, "王小明")},
          r"^Record who approved and how \(in person, phone, online\)\.$", ("order_b", ["state"])),
    _case("approval by a blank name", "advisor", "order_b", "_record_approval",
          {"args": ("phone", "   ")}, r"^Record who approved and how .+$", ("order_b", ["state"])),
    _case("approval by carrier pigeon", "advisor", "order_b", "_record_approval",
          {"args": ("pigeon", "王小明")}, r"^Record who approved and how .+$", ("order_b", ["state"])),
    _case("approval in person without signature", "advisor", "order_b", "_record_approval",
          {"args": ("in_person", "王小明")}, r"^An approval in person needs the customer's signature\.$",
          ("order_b", ["state"])),
    _case("approval before the five confirmations", "advisor", "order_b", "_record_approval",
          {"args": ("phone", "王小明")},
          r"^Confirm with the customer before approval: the jobs, the estimated cost, the promised time, what "
          r"happens to the replaced parts, whether the car is washed\.$", ("order_b", ["state"])),
    _case("approver's name of 129 characters", "advisor", "order_f", "_record_approval",
          {"args": ("phone", "王" * 129)},
          r"^Approved by is too long: 129 characters where at most 128 are accepted\. .+$", ("order_f", ["state"])),
    _case("additional work declined without reason", "advisor", "extra_c", "_record_decision",
          lambda t: {"args": (False, "phone"),
                     "kwargs": {"workshop_informed_user": t.technician, "decline_reason": " "}},
          r"^Give the customer's reason for declining\.$", ("extra_c", ["state"])),
    _case("decision without channel", "advisor", "extra_c", "_record_decision",
          lambda t: {"args": (True, False), "kwargs": {"workshop_informed_user": t.technician}},
          r"^Say how the customer gave the decision \(in person, phone, online\)\.$", ("extra_c", ["state"])),
    _case("decision without telling the workshop", "advisor", "extra_c", "_record_decision",
          {"args": (True, "phone")},
          r"^Name who in the workshop was told of the customer's decision\.$", ("extra_c", ["state"])),
    _case("decision dated tomorrow", "advisor", "extra_c", "_record_decision",
          lambda t: {"args": (True, "phone"), "kwargs": {
              "workshop_informed_user": t.technician, "decision_date": fields.Datetime.now() + timedelta(days=1)}},
          r"^The customer's decision cannot be dated in the future\.$", ("extra_c", ["state"])),
    # ------------------------------------------------------------------ delivery
    _case("mileage out lower than the mileage in", "advisor", "order_d", "_record_delivery",
          {"args": (69000, False, False)},
          r"^The mileage out, 69000 km, is lower than the mileage in, 70000 km, on check-in .+\.$",
          ("order_d", ["delivery_date", "delivery_mileage"])),
    _case("no mileage out", "advisor", "order_d", "_record_delivery", {"args": (0, False, False)},
          r"^Record the mileage when the car leaves\.$", ("order_d", ["delivery_date", "delivery_mileage"])),
    _case("mileage out of 3 billion km", "advisor", "order_d", "_record_delivery", {"args": (3e9, False, False)},
          r"^A mileage reading of 3000000000 km for .+ is beyond .+$",
          ("order_d", ["delivery_date", "delivery_mileage"])),
    _case("next service below the mileage out", "advisor", "order_d", "_record_delivery",
          {"args": (70100, False, 70000)}, r"^The next service mileage must be beyond the mileage out\.$",
          ("order_d", ["delivery_date", "next_service_mileage"])),
    _case("follow-up call planned in the past", "advisor", "order_d", "_record_delivery",
          lambda t: {"args": (70100, False, 75100),
                     "kwargs": {"followup_preferred_date": fields.Datetime.now() - timedelta(days=1)}},
          r"^The follow-up call cannot be planned in the past\.$",
          ("order_d", ["delivery_date", "followup_preferred_date"])),
    _case("next service mileage lowered after delivery", "advisor", "order_e", "write",
          {"next_service_mileage": 80000}, r"^The next service mileage must be beyond the mileage out\.$"),
    _case("next service date before the delivery", "advisor", "order_e", "write",
          lambda t: {"next_service_date": date.today() - timedelta(days=1)},
          r"^The next service date must be after the delivery\.$"),
    # ------------------------------------------------------------------ settings
    _case("highest mileage of zero", "admin", "settings", "execute", lambda t: t._settings(aftersales_max_mileage=0),
          r"^The highest mileage, the most labour hours per job and the largest part quantity per line must be "
          r"above zero\.$", ("company", ["aftersales_max_mileage"])),
    _case("negative labour hours per job", "admin", "company", "write", {"aftersales_max_job_hours": -5},
          r"^The highest mileage, .+ must be above zero\.$"),
    _case("part quantity limit of zero", "admin", "company", "write", {"aftersales_max_part_qty": 0},
          r"^The highest mileage, .+ must be above zero\.$"),
    _case("reception slot of 3 minutes", "admin", "settings", "execute",
          lambda t: t._settings(aftersales_slot_minutes=3),
          r"^A reception slot lasts between 5 and 120 minutes\.$", ("company", ["aftersales_slot_minutes"])),
    _case("estimate tolerance of 150 %", "admin", "company", "write", {"aftersales_estimate_tolerance": 150},
          r"^The estimate tolerance is a percentage between 0 and 100\.$"),
    _case("no day of free slots shown", "admin", "company", "write", {"aftersales_booking_days": 0},
          r"^Show between 1 and 31 days of free slots\.$"),
]

@tagged("post_install", "-at_install")
class TestBadInput(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.roles = {"advisor": cls.advisor, "manager": cls.manager, "admin": cls.admin}
        # The installed addons' rules are refused to their own roles.
        for steps in installed_visit_steps(cls.env):
            for role, user in steps.roles.items():
                cls.roles.setdefault(role, VisitStepsMixin._role_user(cls, cls.env, *user))
        cls.company.write({"aftersales_max_mileage": 2_000_000, "aftersales_max_job_hours": 200.0,
                           "aftersales_max_part_qty": 1000.0})

    # ------------------------------------------------------------------
    # Fixtures: a car at each step of the visit
    # ------------------------------------------------------------------

    def _fixtures(self):
        self.customer.write({"birthday": False, "call_time_from": 0, "call_time_to": 0})
        # A car checked in today at 31 000 km, its sheet still a draft.
        self.draft_check_in = self.env["aftersales.check.in"].with_user(self.advisor).create(
            self._check_in_values(odometer=31000, concern_ids=[Command.create({"name": "空调不凉"})])
        )
        self.bare_check_in = self._new_vehicle_check_in("浙A·BARE1", 20000)
        # A work order waiting for the customer's approval, a part on its first job.
        self.signed_check_in = self._check_in(50000, ("保养", "刹车异响"), vehicle=self._vehicle("浙A·B0002"))
        self.signed_check_in.with_user(self.advisor).action_create_work_order()
        self.order_b = self.signed_check_in.repair_id
        self.job_b = self.order_b.job_ids.sorted("id")[0]
        self.part_b = self._add_part(self.order_b, self.job_b, self.oil_filter, 1)
        # An approved order in the workshop, additional work waiting for the customer's decision.
        self.order_c = self._approved("浙A·C0003", 60000)
        self.job_c = self.order_c.job_ids
        self.extra_c = self.env["aftersales.job"].with_user(self.advisor).create({
            "repair_id": self.order_c.id, "name": "更换雨刮片", "labour_hours": 0.5, "added_hours": 0.5,
            "is_additional": True,
        })
        # A finished car waiting for its customer, and one already handed back.
        self.order_d = self._finished("浙A·D0004", 70000)
        self.order_e = self._finished("浙A·E0005", 80000)
        self.order_e._record_delivery(80010, date.today() + timedelta(days=180), 85010)
        # Five confirmations given, approval still to come.
        self.order_f = self._approved("浙A·F0006", 90000, approve=False)
        self.appointment = self.env["aftersales.appointment"].with_user(self.advisor).create(
            self._appointment_values()
        )

    def _vehicle(self, plate):
        return self._create_vehicle(license_plate=plate)

    def _new_vehicle_check_in(self, plate, mileage):
        return self.env["aftersales.check.in"].with_user(self.advisor).create(
            {"vehicle_id": self._vehicle(plate).id, "odometer": mileage}
        )

    def _approved(self, plate, mileage, approve=True):
        check_in = self._check_in(mileage, ("保养",), vehicle=self._vehicle(plate))
        check_in.with_user(self.advisor).action_create_work_order()
        order = check_in.repair_id
        order.job_ids.labour_hours = 1.0
        self._confirm_five(order)
        if approve:
            order.with_user(self.advisor)._record_approval("phone", "王小明")
        return order

    def _finished(self, plate, mileage):
        order = self._approved(plate, mileage)
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        return order

    def _vehicle_values(self, **values):
        return {"vehicle_usage": "customer", "customer_id": self.customer.id, "model_id": self.car_model.id,
                "license_plate": "浙A·N0001", **values}

    def _bad_check_digit_vin(self):
        vin = self.vehicle.vin_sn
        return vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]

    def _appointment_values(self, **values):
        return {"vehicle_id": self.vehicle.id, "advisor_id": self.advisor.id,
                "start_date": _next_monday_10am(self), **values}

    def _check_in_values(self, **values):
        return {"vehicle_id": self.vehicle.id, "odometer": 31000, "fuel_level": "half", **values}

    def _part_values(self, **values):
        return {"repair_id": self.order_b.id, "repair_line_type": "add", "product_id": self.brake_pads.id,
                "product_uom_qty": 1, "aftersales_job_id": self.job_b.id, **values}

    def _settings(self, **values):
        return {"__settings__": values}

    # ------------------------------------------------------------------
    # The runner
    # ------------------------------------------------------------------

    def _fingerprint(self, case, target):
        counts = {
            name: self.env[name].sudo().with_context(active_test=False).search_count([])  # sudo: counts every record
            for name in COUNTED_MODELS + tuple(
                model for steps in installed_visit_steps(self.env) for model in steps.bad_input_models
            )
        }
        if case.action == "write":
            watched = [(target, list(self._values(case)))]
        elif case.watch:
            watched = [(getattr(self, case.watch[0]), case.watch[1])]
        else:
            watched = []
        for record, names in watched:
            names = [name for name in names if not name.startswith("__")]
            counts[record._name, tuple(names)] = record.sudo().read(names)  # sudo: reads what was written
        return counts

    def _values(self, case):
        return case.values(self) if callable(case.values) else case.values

    def _refuse(self, case, lang="en_US"):
        """Run the case as its role; return the refusal's message after checking nothing changed."""
        user = self.roles[case.role]
        values = dict(self._values(case))
        if case.action == "create" or case.target == "settings":
            target = self.env["res.config.settings" if case.target == "settings" else case.target]
        else:
            target = getattr(self, case.target)
        target = target.with_user(user).with_context(lang=lang)
        before = self._fingerprint(case, target)
        try:
            with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                if case.target == "settings":
                    # The settings form saves its values, then applies them.
                    target.create(values["__settings__"]).execute()
                elif case.action == "create":
                    extra = values.pop("__extra__", None)
                    target.create([values, {**values, **extra}] if extra else values)
                elif case.action == "write":
                    target.write(values)
                else:
                    getattr(target, case.action)(*values.get("args", ()), **values.get("kwargs", {}))
                target.env.flush_all()
        except IntegrityError as error:
            message = self._database_refusal(error, target.env)
        except UserError as error:
            message = error.args[0]
        else:
            self.fail(f"{case.label}: accepted")
        self.env.invalidate_all()
        self.assertEqual(self._fingerprint(case, target), before, f"{case.label}: something was written")
        return message

    @staticmethod
    def _database_refusal(error, env):
        """What the user reads when the database refuses a change: Odoo's RPC layer finds the model of the
        table and its constraint's message (odoo.service.model.retrying)."""
        model = next((env[name] for name, cls in env.registry.items() if cls._table == error.diag.table_name),
                     env["base"])
        message = model.sudo()._sql_error_to_message(error)  # sudo: Odoo's own wording
        return env._(_base_lt("The operation cannot be completed: %s", message))

    def _cases(self):
        """Reception's cases and those of the installed addons' rules (VisitSteps.bad_input_cases)."""
        return CASES + [_case(*case) for steps in installed_visit_steps(self.env) for case in steps.bad_input_cases]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_catalogue_refused_with_a_clear_message_and_nothing_changes(self):
        self._fixtures()
        cases = self._cases()
        self.assertGreaterEqual(len(CASES), 60)
        for case in cases:
            with self.subTest(case=case.label):
                message = self._refuse(case)
                self.assertRegex(message, re.compile(case.regex, re.S))
                self.assertLess(len(message), 600, "a pasted text is not repeated back whole")

    def test_catalogue_speaks_chinese(self):
        """Every refusal of the catalogue reaches a Chinese service advisor translated."""
        self.env["res.lang"]._activate_lang("zh_CN")
        # Odoo's words, reception's and those of the addons whose cases run.
        modules = ["base", "fleet", "stock", "repair", "aftersales_reception"] + [
            type(steps).__module__.split(".")[2] for steps in installed_visit_steps(self.env)
        ]
        self.env["ir.module.module"]._load_module_terms(modules, ["zh_CN"], overwrite=True)
        self._fixtures()
        for case in self._cases():
            with self.subTest(case=case.label):
                english = self._refuse(case)
                chinese = self._refuse(case, lang="zh_CN")
                self.assertNotEqual(chinese, english, "the refusal is not translated")
                # No English sentence left: names and figures are the same in both languages, words are not.
                for words in re.findall(r"[a-z]+(?: [a-z]+){3,}", english):
                    self.assertNotIn(words, chinese, "part of the refusal is not translated")

    def test_limits_accept_their_boundary_and_follow_the_settings(self):
        self._fixtures()
        Reading = self.env["fleet.vehicle.odometer"].with_user(self.advisor)
        Reading.create({"vehicle_id": self.vehicle.id, "value": 2_000_000, "date": date.today()})
        self.job_b.with_user(self.advisor).labour_hours = 200
        self.part_b.with_user(self.advisor).product_uom_qty = 1000
        self.assertEqual(self.job_b.labour_amount, 200 * 300.0)
        self.assertEqual(self.part_b.billing_amount, 1000 * 58.0)
        # The service department's own figures, set by the administrator in the settings.
        settings = self.env["res.config.settings"].with_user(self.admin).create({
            "aftersales_max_mileage": 3_000_000, "aftersales_max_job_hours": 12.0, "aftersales_max_part_qty": 20.0,
        })
        settings.execute()
        self.assertEqual((self.company.aftersales_max_mileage, self.company.aftersales_max_job_hours,
                          self.company.aftersales_max_part_qty), (3_000_000, 12.0, 20.0))
        Reading.create({"vehicle_id": self.vehicle.id, "value": 2_500_000, "date": date.today()})
        with self.assertRaisesRegex(UserError, r"a job takes at most 12\.0 hours"):
            self.job_b.with_user(self.advisor).labour_hours = 13
        with self.assertRaisesRegex(UserError, r"more than the 20\.0 a part line may hold"):
            self.part_b.with_user(self.advisor).product_uom_qty = 21
        self.assertEqual((self.job_b.labour_hours, self.part_b.product_uom_qty), (200, 1000))

    def test_blank_vin_is_no_vin(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        first = Vehicle.create(self._vehicle_values(vin_sn="    "))
        second = Vehicle.create(self._vehicle_values(vin_sn=" \t ", license_plate="浙A·N0002"))
        self.assertEqual((first.vin_sn, second.vin_sn), (False, False))
        self.assertEqual(Vehicle.search_count([("id", "in", (first | second).ids), ("vin_sn", "=", False)]), 2)
        self.env.cr.execute("SELECT count(*) FROM fleet_vehicle WHERE id IN %s AND vin_sn IS NULL",
                            [tuple((first | second).ids)])
        self.assertEqual(self.env.cr.fetchone()[0], 2, "stored as no VIN, not as an empty text")
        first.write({"vin_sn": " ", "license_plate": "  浙A·N0001  "})
        self.assertEqual((first.vin_sn, first.license_plate), (False, "浙A·N0001"))

    def test_walk_in_now_and_the_current_slot_accepted(self):
        Appointment = self.env["aftersales.appointment"].with_user(self.advisor)
        now = fields.Datetime.now()
        walk_in = Appointment.create(self._appointment_values(start_date=now, source="walk_in"))
        late = Appointment.create(self._appointment_values(start_date=now - timedelta(minutes=10),
                                                           source="walk_in"))
        self.assertEqual((walk_in.state, late.state), ("booked", "booked"))
        # Yesterday's kept appointment is history: it is checked in, cancelled or marked as before.
        walk_in.action_check_in()
        self.assertEqual(walk_in.state, "checked_in")
