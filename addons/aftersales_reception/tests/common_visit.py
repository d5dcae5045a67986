import functools
import importlib
import os
from datetime import datetime, timedelta

from odoo import Command
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user

from .common import AftersalesCase, make_vin

# A 1x1 PNG: what the signature pad sends, in miniature.
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


class VisitSteps:
    """The steps an addon adds to a visit, run by the visits of every test (VisitStepsMixin) when the addon is
    installed: an addon declares its own as ``VisitSteps``, a subclass of this one, in its tests'
    common_visit.py. So an addon's step (the parts issue, the quality check) is taken in the tests of the
    addons below and beside it without their knowing it. The case given is the running test
    (a ``VisitStepsMixin``: ``case._role_user`` for who does the step)."""

    # Who does the addon's steps: role -> (group, login, name), made with the test class (VisitCase).
    roles = {}
    # Bad input the addon's rules refuse, for reception's catalogue (test_bad_input): tuples of a case's
    # fields (label, role, target, action, values, regex[, watch]), typed by reception's roles or the addon's.
    bad_input_cases = ()
    # The addon's models the catalogue counts, to see that a refused case wrote nothing.
    bad_input_models = ()

    def dispatch(self, case, jobs, technicians):
        """How the jobs come to the technicians who work on them (the foreman dispatches them)."""

    def before_repair_end(self, case, order):
        """What the addon's roles do before the repair can end (issue the parts, pass the quality check)."""


def installed_visit_steps(env):
    """The ``VisitSteps`` of the installed addons, in the order of their names."""
    return [steps() for steps in _visit_steps_classes(frozenset(env["ir.module.module"]._installed()))]


@functools.cache
def _visit_steps_classes(modules):
    classes = []
    for module in sorted(modules):
        path = get_module_path(module, display_warning=False)
        if not path or not os.path.isfile(os.path.join(path, "tests", "common_visit.py")):
            continue
        steps = getattr(importlib.import_module(f"odoo.addons.{module}.tests.common_visit"), "VisitSteps", None)
        if steps is not None and steps is not VisitSteps:
            classes.append(steps)
    return classes


class VisitStepsMixin:
    """For a test whose visits take the steps of the installed addons (see ``VisitSteps``)."""

    def _dispatch(self, jobs, technicians):
        """Hook: the jobs go to the technicians. Nothing to do in reception; the installed addons add theirs."""
        for steps in installed_visit_steps(jobs.env):
            steps.dispatch(self, jobs, technicians)

    def _before_repair_end(self, order):
        """Hook: the steps before the repair ends. Reception has none; the installed addons add theirs."""
        for steps in installed_visit_steps(order.env):
            steps.before_repair_end(self, order)

    def _role_user(self, env, group, login, name):
        """A user of the role (``VisitSteps.roles``), made once in ``env``'s transaction: who does an addon's
        step."""
        env = env(su=True)  # su: the test makes its users
        return env["res.users"].search([("login", "=", login)]) or new_test_user(
            env, login=login, groups=group, name=name,
        )


class VisitCase(VisitStepsMixin, AftersalesCase):
    """A dealership ready to take a car in: advisor, technicians, parts in stock, an insurer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # The users of the installed addons' steps, made before the tests count their queries.
        for steps in installed_visit_steps(cls.env):
            for role in steps.roles.values():
                VisitStepsMixin._role_user(cls, cls.env, *role)
        # Chinese retail prices include VAT: the order's amounts are what each payer pays.
        cls.vat = cls.env["account.tax"].create({
            "name": "增值税 13% (含税)", "amount": 13.0, "type_tax_use": "sale",
            "price_include_override": "tax_included", "company_id": cls.company.id,
        })
        cls.env.ref("aftersales_reception.product_labour").taxes_id = cls.vat
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.advisor = new_test_user(
            cls.env, login="visit_advisor", groups="aftersales_reception.group_service_advisor", name="张敏"
        )
        cls.technician = new_test_user(
            cls.env, login="visit_technician", groups="aftersales_reception.group_workshop_technician", name="赵强"
        )
        cls.cashier = new_test_user(cls.env, login="visit_cashier", groups="aftersales_reception.group_cashier",
                                    name="何静")
        cls.manager = new_test_user(cls.env, login="visit_manager",
                                    groups="aftersales_reception.group_service_manager", name="王建国")
        cls.insurer = cls.env["res.partner"].create({"name": "中国平安财产保险杭州分公司", "is_company": True})
        cls.manufacturer = cls.env["res.partner"].create({"name": "一汽-大众销售有限责任公司", "is_company": True})
        cls.brand.warranty_partner_id = cls.manufacturer
        expense = cls.env["account.account"].search([
            *cls.env["account.account"]._check_company_domain(cls.company), ("account_type", "=", "expense"),
        ], limit=1)
        cls.company.write({
            "aftersales_internal_account_id": expense.id,
            "aftersales_goodwill_account_id": expense.id,
            "aftersales_labour_rate_customer": 300.0,
            "aftersales_labour_rate_warranty": 200.0,
            "aftersales_labour_rate_insurance": 280.0,
        })
        cls.stock_location = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        ).lot_stock_id
        cls.oil_filter = cls._make_part("机油滤清器 Oil filter", "04E115561H", 58.0, 25.0)
        cls.engine_oil = cls._make_part("机油 5W-40 (L)", "G052195M4", 80.0, 45.0)
        cls.brake_pads = cls._make_part("前刹车片 Front brake pads", "5QD698151", 620.0, 310.0)
        cls.water_pump = cls._make_part("水泵 Water pump", "04E121600AL", 1450.0, 800.0)
        cls.bumper = cls._make_part("前保险杠 Front bumper", "5GD807221", 2300.0, 1200.0)
        cls.vehicle = cls._create_vehicle(
            make_vin("LTV2A21K", "M3090001"), license_plate="浙A·V0001", sale_date="2023-05-01",
        )
        cls.env["fleet.vehicle.odometer"].create({
            "vehicle_id": cls.vehicle.id, "value": 30000, "date": "2025-05-01", "source": "check_in",
        })

    @classmethod
    def _make_part(cls, name, code, price, cost):
        product = cls.env["product.product"].create({
            "name": name, "default_code": code, "type": "consu", "is_storable": True,
            "list_price": price, "standard_price": cost, "taxes_id": [Command.set(cls.vat.ids)],
        })
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, 50)
        return product

    def _check_in(self, mileage, concerns, vehicle=None, user=None, **values):
        CheckIn = self.env["aftersales.check.in"].with_user(user or self.advisor)
        check_in = CheckIn.create({
            "vehicle_id": (vehicle or self.vehicle).id,
            "odometer": mileage,
            "fuel_level": "half",
            "covers_fitted": True,
            "concern_ids": [Command.create({"name": concern}) for concern in concerns],
            **values,
        })
        check_in._sign(signature=SIGNATURE, signed_by="王小明")
        return check_in

    def _work_order_from_appointment(self, appointment):
        """The advisor checks the booked car in, walks round it with the customer and opens the work order."""
        appointment.with_user(self.advisor).action_check_in()
        check_in = appointment.check_in_id
        check_in.with_user(self.advisor).write({"fuel_level": "half", "covers_fitted": True})
        check_in._sign(signature=SIGNATURE, signed_by="王小明")
        check_in.with_user(self.advisor).action_create_work_order()
        return check_in.repair_id

    def _add_part(self, order, job, product, quantity):
        return self.env["stock.move"].create({
            "repair_id": order.id,
            "repair_line_type": "add",
            "product_id": product.id,
            "product_uom_qty": quantity,
            "aftersales_job_id": job.id,
        })

    def _confirm_five(self, order, hours=4):
        order.write({
            "confirm_jobs": True,
            "confirm_estimate": True,
            "promised_date": order.schedule_date + timedelta(hours=hours),
            "confirm_promised_time": True,
            "replaced_parts_disposal": "customer_keeps",
            "car_wash": "wash",
            "payment_method": "wechat",
        })

    def _approved_order(self, concerns=("保养", "刹车异响"), hours=(1.0, 2.0), mileage=41000):
        """A car checked in, one job per concern with its hours, approved by phone."""
        check_in = self._check_in(mileage, concerns)
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, job_hours in zip(order.job_ids.sorted("id"), hours, strict=True):
            job.labour_hours = job_hours
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        return order

    def _end_repair(self, order):
        """End the repair, after the steps the installed addons put before its end."""
        self._before_repair_end(order)
        return order.action_repair_end()

    @staticmethod
    def _next_monday(hour_utc=0, minute=0):
        today = datetime.now().date()
        monday = today + timedelta(days=(7 - today.weekday()) or 7)
        return datetime.combine(monday, datetime.min.time()).replace(hour=hour_utc, minute=minute)
