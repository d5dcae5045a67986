from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


class WarrantyCase(VisitCase):
    """A dealership with the manufacturer's warranty policy, a warranty clerk and a technician."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="wty_clerk", name="钱芳",
                                  groups="aftersales_warranty.group_warranty_clerk")
        cls.technician = new_test_user(cls.env, login="wty_tech", name="陈磊",
                                       groups="aftersales_reception.group_workshop_technician")
        cls.foreman = new_test_user(cls.env, login="wty_foreman", name="赵强",
                                    groups="aftersales_workshop.group_workshop_foreman")
        cls.accountant = new_test_user(cls.env, login="wty_accountant", name="林会计",
                                       groups="account.group_account_manager")
        cls.writeoff_account = cls.env["account.account"].create({
            "name": "索赔损失 Claim write-off", "code": "660299", "account_type": "expense",
        })
        cls.company.aftersales_warranty_writeoff_account_id = cls.writeoff_account
        # The tests clock whole jobs back to back in the past: no overlap check needed.
        cls.company.aftersales_allow_parallel_jobs = True
        cls.policy = cls.env["aftersales.warranty.policy"].create({
            "name": "一汽-大众 整车质保",
            "brand_id": cls.brand.id,
            "base_years": 3, "base_km": 100000,
            "repair_guarantee_years": 3, "repair_guarantee_km": 60000,
            "sanbao_years": 2, "sanbao_km": 50000,
            "coverage_ids": [fields.Command.create({"component": "powertrain", "years": 5, "km": 100000})],
        })
        cls.today = fields.Date.context_today(cls.env["res.users"])
        # A car sold a year ago: within every period at 41 000 km, except the 三包 km limit at 50 000.
        cls.vehicle.write({"sale_date": cls.today - timedelta(days=365),
                           "warranty_start_date": cls.today - timedelta(days=365)})
        cls.water_pump.product_tmpl_id.warranty_price = 1000.0
        cls.pump_operation = cls.env["aftersales.labour.operation"].create({
            "code": "19-0100", "name": "更换水泵", "standard_hours": 2.0,
        })
        cls.fault_cooling = cls.env.ref("aftersales_warranty.fault_cooling")
        cls.fault_brakes = cls.env.ref("aftersales_warranty.fault_brakes")

    def _warranty_order(self, jobs, mileage=41000, vehicle=None, check_in_date=None, parts=()):
        """A car checked in with one job per (concern, payer, hours) tuple and the parts given as
        (job index, product, quantity), approved by phone."""
        values = {"check_in_date": check_in_date} if check_in_date else {}
        check_in = self._check_in(mileage, [concern for concern, _payer, _hours in jobs], vehicle=vehicle, **values)
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, (_concern, payer, hours) in zip(order.job_ids.sorted("id"), jobs, strict=True):
            job.write({"payer": payer, "labour_hours": hours, "cause": "密封件老化", "correction": "更换"})
        for index, product, quantity in parts:
            self._add_part(order, order.job_ids.sorted("id")[index], product, quantity)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        return order

    def _clock(self, job, hours):
        """The foreman clocks the technician on and off the job, back-dated."""
        start = fields.Datetime.now() - timedelta(hours=hours + 1)
        job = job.with_user(self.foreman)
        with freeze_time(start):
            job._clock_start(self.technician)
        with freeze_time(start + timedelta(hours=hours)):
            job._clock_pause("other_job", self.technician)

    def _finish(self, order, clocked=None):
        """Clock each job's hours (or ``clocked``), finish the jobs and end the repair."""
        order.action_repair_start()
        for job in order.job_ids:
            self._clock(job, clocked.get(job, job.labour_hours) if clocked else job.labour_hours)
        order.job_ids.action_mark_done()
        self._end_repair(order)

    def _record_replaced_parts(self, order):
        """The old parts are recorded and processed: the warranty ones retained for the manufacturer."""
        order.action_record_replaced_parts()
        order.replaced_part_ids.filtered(lambda part: part.state == "pending").action_process()

    def _deliver_and_settle(self, order):
        self._record_replaced_parts(order)
        order._record_delivery(order.check_in_id.odometer + 5, False, False)
        order.with_user(self.cashier).action_settle()

    def _pump_order(self, settle=True):
        """A mixed order: a customer service, a warranty water pump (with the pump) and warranty brakes."""
        order = self._warranty_order(
            [("保养", "customer", 1.0), ("水泵漏水", "warranty", 2.0), ("刹车异响", "warranty", 1.0)],
            parts=[(0, self.oil_filter, 1), (1, self.water_pump, 1)],
        )
        pump = order.job_ids.sorted("id")[1]
        pump.write({"fault_category_id": self.fault_cooling.id, "fault_code": "P0217",
                    "causal_part_id": self.water_pump.id, "operation_id": self.pump_operation.id})
        self._finish(order)
        if settle:
            self._deliver_and_settle(order)
        return order
