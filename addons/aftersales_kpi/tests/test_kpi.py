from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tests.test_payment import PaymentCase


class KpiCase(PaymentCase):
    """Three visits of one day whose figures are computed by hand:

    - A: maintenance (保养, 1 h customer at 300 incl. VAT, two oil filters at 58 incl. VAT, cost 25 each), booked,
      settled, delivered on time, 1.5 h clocked;
    - B: brake noise (2 h customer at 300) and a warning light under warranty (1 h at 200), a job reworked,
      settled, delivered after the promised time, 2.5 h clocked;
    - C: a comeback of B (1 h customer), delivered on time, not settled, nothing clocked.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.tz = "Asia/Shanghai"
        cls.company.aftersales_labour_cost_rate = 50.0
        cls.kpi_manager = new_test_user(cls.env, login="kpi_manager", name="王建国",
                                        groups="aftersales_reception.group_service_manager")
        cls.today = datetime.now(pytz.timezone("Asia/Shanghai")).date()

    def _visit(self, concerns, hours, payers=None, parts=(), late=False, clocked=0.0, booked=False,
               settle=True, comeback_of=None):
        self.mileage += 100
        check_in = self._check_in(self.mileage, concerns)
        check_in.action_create_work_order()
        order = check_in.repair_id
        jobs = order.job_ids.sorted("id")
        for job, job_hours, payer in zip(jobs, hours, payers or ["customer"] * len(hours), strict=True):
            job.write({"labour_hours": job_hours, "payer": payer})
        for product, quantity in parts:
            self._add_part(order, jobs[0], product, quantity)
        if comeback_of:
            order.comeback_of_id = comeback_of
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        if settle:
            order.with_user(self.cashier).action_settle()
        if late:
            self.env.flush_all()
            # The customer was promised the car an hour ago: the order was opened five hours ago.
            self.env.cr.execute(SQL(
                "UPDATE repair_order SET schedule_date = %(now)s - interval '5 hours', "
                "promised_date = %(now)s - interval '1 hour' WHERE id = %(id)s",
                now=fields.Datetime.now(), id=order.id,
            ))
            order.invalidate_recordset(["schedule_date", "promised_date"])
        order.with_user(self.advisor)._record_delivery(self.mileage + 10, False, self.mileage + 5010)
        if clocked:
            # The technician's clock, as the tablet leaves it once the job is finished.
            stop = fields.Datetime.now()
            self.env.cr.execute(SQL(
                "INSERT INTO aftersales_job_clock (job_id, repair_id, company_id, technician_id, start, stop, duration)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                jobs[0].id, order.id, order.company_id.id, self.technician.id,
                stop - timedelta(hours=clocked), stop, clocked,
            ))
        if booked:
            # The customer had called the day before: the booking the check-in was made from.
            appointment = self.env["aftersales.appointment"].create({
                "partner_id": order.partner_id.id, "vehicle_id": order.vehicle_id.id, "advisor_id": self.advisor.id,
                "start_date": fields.Datetime.now(), "source": "walk_in", "capacity_override": True,
            })
            self.env.cr.execute(SQL(
                "UPDATE aftersales_appointment SET source = 'customer_call' WHERE id = %s", appointment.id,
            ))
            self.env.cr.execute(SQL(
                "UPDATE aftersales_check_in SET appointment_id = %s WHERE id = %s", appointment.id, check_in.id,
            ))
        return order

    def _build_day(self):
        order_a = self._visit(["保养"], [1.0], parts=[(self.oil_filter, 2)], clocked=1.5, booked=True)
        order_b = self._visit(["刹车异响", "发动机故障灯"], [2.0, 1.0], payers=["customer", "warranty"], late=True,
                              clocked=2.5)
        # The quality check sent the brake job back once.
        self.env.cr.execute(SQL("UPDATE aftersales_job SET rework_count = 1 WHERE id = %s",
                                order_b.job_ids.sorted("id")[0].id))
        order_c = self._visit(["刹车异响"], [1.0], settle=False, comeback_of=order_b)
        orders = order_a | order_b | order_c
        self.env["aftersales.kpi.visit"].refresh()
        return orders


@tagged("post_install", "-at_install")
class TestKpiFacts(KpiCase):
    def test_fact_rows(self):
        orders = self._build_day()
        order_a, order_b, order_c = orders
        facts = self.env["aftersales.kpi.visit"].search([("repair_id", "in", orders.ids)])
        self.assertEqual(len(facts), 3, "one row per work order")
        fact = {row.repair_id: row for row in facts}
        a, b, c = fact[order_a], fact[order_b], fact[order_c]
        self.assertEqual(a.date_in, self.today)
        self.assertEqual(a.advisor_id, self.advisor)
        self.assertEqual(a.repair_category_id.code, "maintenance")
        self.assertTrue(a.is_maintenance and a.is_booked and a.is_on_time and a.is_settled)
        self.assertEqual(a.revenue_labour, 265.49, "300 incl. 13 % VAT")
        self.assertEqual(a.revenue_parts, 102.65, "2 x 58 incl. 13 % VAT")
        self.assertEqual(a.revenue, 368.14)
        self.assertEqual(a.revenue_customer, 368.14)
        self.assertEqual(a.parts_cost, 50.0, "2 oil filters at their cost of 25")
        self.assertEqual(a.labour_cost, 75.0, "1.5 h clocked at 50")
        self.assertEqual(a.gross_margin, 243.14)
        self.assertEqual((a.sold_hours, a.clocked_hours), (1.0, 1.5))
        self.assertEqual((a.jobs_done, a.jobs_first_time), (1, 1))
        self.assertEqual(b.repair_category_id.code, "warranty")
        self.assertEqual((b.revenue_customer, b.revenue_warranty, b.revenue), (530.97, 176.99, 707.96))
        self.assertFalse(b.is_booked)
        self.assertFalse(b.is_maintenance)
        self.assertFalse(b.is_on_time, "delivered after the promised time")
        self.assertTrue(b.has_comeback and b.has_rework)
        self.assertEqual((b.jobs_done, b.jobs_first_time), (2, 0), "the comeback undoes the first-time fix")
        self.assertTrue(c.is_comeback and c.is_on_time and c.is_delivered)
        self.assertFalse(c.is_settled)
        self.assertEqual(c.revenue, 0.0)

    def test_incremental_refresh(self):
        orders = self._build_day()
        Visit = self.env["aftersales.kpi.visit"]
        order_c = orders[2]
        # Only the changed order is rebuilt, and the order it is a comeback of (its flag depends on it).
        self.env.cr.execute(SQL("DELETE FROM aftersales_kpi_visit WHERE repair_id IN %s", tuple(orders.ids)))
        self.assertEqual(Visit.refresh(order_c.ids), 2)
        self.assertEqual(Visit.search([("repair_id", "in", orders.ids)]).repair_id, orders[1:])
        # The scheduled run takes the orders written since its last run.
        since = fields.Datetime.to_string(fields.Datetime.now() - timedelta(minutes=5))
        self.env["ir.config_parameter"].set_param("aftersales_kpi.last_refresh", since)
        self.assertTrue(set(orders.ids) <= set(Visit._changed_order_ids(since)))
        Visit._cron_refresh()
        self.assertEqual(Visit.search([("repair_id", "in", orders.ids)]).repair_id, orders)

    def test_department_figures_from_the_daily_roll_up(self):
        """The manager's department KPIs come from the daily roll-up of the facts, the same figures as the facts
        give; an incremental refresh keeps it so, and an advisor's figures stay on his own facts."""
        self._build_day()
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        companies = Domain("company_id", "in", Target.env.companies.ids)

        def from_facts_and_days():
            return (Target._kpi_values(month_start, month_end, companies),
                    Target._kpi_values(month_start, month_end, None, from_days=True))

        facts, days = from_facts_and_days()
        self.assertEqual(days, facts)
        self.assertGreaterEqual(days["cars_in"], 3)
        self.assertEqual(Target._compute_kpis(month_start, month_end)["revenue"]["value"], facts["revenue"])
        # A fourth car, settled and delivered today: only its days are rolled up again.
        order = self._visit(["保养"], [1.0], parts=[(self.oil_filter, 1)])
        self.env["aftersales.kpi.visit"].refresh(order.ids)
        facts_after, days_after = from_facts_and_days()
        self.assertEqual(days_after, facts_after)
        self.assertEqual(days_after["cars_in"], days["cars_in"] + 1)
        self.assertEqual(days_after["revenue"], round(days["revenue"] + 265.49 + 51.33, 2))
        self.assertFalse(self.env["aftersales.kpi.visit"].with_user(self.advisor)._reads_every_fact())
        self.assertTrue(self.env["aftersales.kpi.visit"].with_user(self.kpi_manager)._reads_every_fact())
        # The facts' rules decide, not a group: a rule that hides every fact, or a manager's rule narrowed, and
        # the manager reads the facts, not the roll-up.
        hide_all = self.env["ir.rule"].create({
            "name": "No fact", "model_id": self.env.ref("aftersales_kpi.model_aftersales_kpi_visit").id,
            "domain_force": "[(0, '=', 1)]",
        })
        self.assertFalse(self.env["aftersales.kpi.visit"].with_user(self.kpi_manager)._reads_every_fact())
        hide_all.unlink()
        self.env.ref("aftersales_kpi.rule_aftersales_kpi_visit_manager").domain_force = "[('advisor_id', '!=', False)]"
        self.assertFalse(self.env["aftersales.kpi.visit"].with_user(self.kpi_manager)._reads_every_fact())

    def test_drill_down_opens_the_work_order(self):
        orders = self._build_day()
        fact = self.env["aftersales.kpi.visit"].with_user(self.kpi_manager).search([("repair_id", "=", orders[0].id)])
        action = fact.action_open_work_order()
        self.assertEqual((action["res_model"], action["res_id"]), ("repair.order", orders[0].id))

    def test_advisor_reads_own_cars_only(self):
        orders = self._build_day()
        other = new_test_user(self.env, login="kpi_advisor2", name="李娜",
                              groups="aftersales_reception.group_service_advisor")
        Visit = self.env["aftersales.kpi.visit"]
        self.assertEqual(Visit.with_user(self.advisor).search_count([("repair_id", "in", orders.ids)]), 3)
        self.assertEqual(Visit.with_user(other).search_count([("repair_id", "in", orders.ids)]), 0)
        with self.assertRaises(AccessError):
            self.env["aftersales.kpi.target"].with_user(self.advisor).create({"kpi_code": "revenue", "target": 1})


@tagged("post_install", "-at_install")
class TestKpiFigures(KpiCase):
    def test_kpis_hand_computed(self):
        orders = self._build_day()
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        Target.create({"kpi_code": "comeback_rate", "period_type": "month", "period_start": month_start, "target": 2})
        kpis = Target._compute_kpis(month_start, month_end, [("repair_id", "in", orders.ids)])
        expected = {
            "cars_in": 3,
            "maintenance_in": 1,
            "revenue": 1076.10,
            "revenue_labour": 973.45,
            "revenue_parts": 102.65,
            "revenue_customer": 899.11,
            "revenue_warranty": 176.99,
            "revenue_insurance": 0.0,
            "revenue_per_car": 538.05,
            "gross_margin": 826.10,
            "first_time_fix_rate": 50.0,
            "on_time_rate": 66.67,
            "appointment_rate": 33.33,
            "comeback_rate": 33.33,
            "labour_efficiency": 125.0,
        }
        for code, value in expected.items():
            with self.subTest(kpi=code):
                self.assertAlmostEqual(kpis[code]["value"], value, places=2)
                self.assertEqual(kpis[code]["previous"], 0.0, "nothing last month")
        self.assertEqual(kpis["comeback_rate"]["target"], 2.0)
        self.assertIsNone(kpis["gross_margin"]["target"])
        # Each figure opens the records it counts.
        action = kpis["comeback_rate"]["action"]
        delivered = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(delivered.repair_id, orders)
        action = kpis["revenue"]["action"]
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]).repair_id, orders[:2])

    def test_satisfaction_and_complaint_kpis(self):
        """A satisfied (5) and a dissatisfied (2) customer on the first follow-up call, one not reached yet:
        CSI 3.5, half of the reached customers satisfied, one complaint in three delivered orders."""
        orders = self._build_day()
        order_a, order_b, order_c = orders
        agent = new_test_user(self.env, login="kpi_agent", name="李回访",
                              groups="aftersales_followup.group_followup_agent")
        calls = self.env["aftersales.followup.call"].with_user(agent).search(
            [("repair_id", "in", orders.ids), ("kind", "=", "first")])
        self.assertEqual(calls.repair_id, orders, "each delivered order has its first follow-up call")
        call_of = {call.repair_id: call for call in calls}
        call_of[order_a]._record_outcome("satisfied", "很满意，服务周到", 5)
        call_of[order_b]._record_outcome("problem", "交车晚了一个小时", 2)
        call_of[order_c]._record_outcome("unreachable")
        Visit = self.env["aftersales.kpi.visit"]
        # The scheduled refresh finds the orders through their calls and complaints: the rest of each order
        # was written the day before.
        self.env.flush_all()
        for table, column in (("repair_order", "id"), ("aftersales_job", "repair_id"),
                              ("aftersales_job_clock", "repair_id"), ("stock_move", "repair_id"),
                              ("account_move", "aftersales_repair_id")):
            self.env.cr.execute(SQL("UPDATE %s SET write_date = write_date - interval '1 day' WHERE %s = ANY(%s)",
                                    SQL.identifier(table), SQL.identifier(column), orders.ids))
        since = fields.Datetime.now() - timedelta(hours=1)
        self.assertEqual(set(Visit._changed_order_ids(since)) & set(orders.ids), set(orders.ids))
        Visit.refresh(orders.ids)
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        kpis = Target._compute_kpis(month_start, month_end, [("repair_id", "in", orders.ids)])
        expected = {"csi_score": 3.5, "satisfied_rate": 50.0, "complaint_rate": 33.33, "major_complaint_rate": 0.0}
        for code, value in expected.items():
            with self.subTest(kpi=code):
                self.assertAlmostEqual(kpis[code]["value"], value, places=2)
        facts = {fact.repair_id: fact for fact in Visit.search([("repair_id", "in", orders.ids)])}
        self.assertEqual((facts[order_a].calls_reached, facts[order_a].calls_satisfied, facts[order_a].csi_score),
                         (1, 1, 5.0))
        self.assertEqual((facts[order_b].calls_satisfied, facts[order_b].complaint_count), (0, 1))
        self.assertEqual((facts[order_c].calls_reached, facts[order_c].calls_scored), (0, 0), "not reached yet")
        # The complaint turns out to be a major one: the handbook's ceiling of 1 % is passed.
        call_of[order_b].complaint_id.severity = "major"
        Visit.refresh(orders.ids)
        kpis = Target._compute_kpis(month_start, month_end, [("repair_id", "in", orders.ids)])
        self.assertAlmostEqual(kpis["major_complaint_rate"]["value"], 33.33, places=2)
        # The figure opens the delivered orders it is counted on.
        action = kpis["complaint_rate"]["action"]
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]).repair_id, orders)

    def test_reminder_conversion_and_churn(self):
        """Two maintenance reminders, the customer reached on the phone: one car comes in the same day, the other
        not (50 %); one of four customer cars found lost this month, another lost before it (1 of 3: 33.33 %)."""
        other_car = self._create_vehicle(license_plate="浙A·K2020")
        Reminder = self.env["aftersales.reminder"]
        reminders = Reminder.create([
            {"vehicle_id": car.id, "partner_id": self.customer.id, "company_id": self.company.id,
             "kind": "maintenance", "due_date": self.today}
            for car in (self.vehicle, other_car)
        ])
        reminders.action_record_call()
        order = self._visit(["保养"], [1.0], settle=False)
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        cars = [("vehicle_id", "in", (self.vehicle | other_car).ids)]
        value, action = Target._reminder_conversion(month_start, month_end, self.company, cars)
        self.assertEqual(value, 50.0)
        rows = self.env[action["res_model"]].with_user(self.kpi_manager).search(action["domain"])
        self.assertEqual(rows.reminder_id, reminders)
        self.assertEqual(rows.filtered("is_converted").repair_id, order)
        # A visit after the window does not count: the company's window is shortened to nothing.
        self.company.aftersales_reminder_conversion_days = 0
        self.assertEqual(Target._reminder_conversion(month_start, month_end, self.company, cars)[0], 0.0)

        fleet = other_car | self._create_vehicle(license_plate="浙A·K2021") \
            | self._create_vehicle(license_plate="浙A·K2022") | self._create_vehicle(license_plate="浙A·K2023")
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE fleet_vehicle SET is_lost = TRUE, lost_since = %s WHERE id = %s",
                                self.today, fleet[1].id))
        self.env.cr.execute(SQL("UPDATE fleet_vehicle SET is_lost = TRUE, lost_since = %s WHERE id = %s",
                                month_start - relativedelta(days=1), fleet[2].id))
        fleet.invalidate_recordset()
        value, action = Target._churn_rate(month_start, month_end, self.company, [("id", "in", fleet.ids)])
        self.assertEqual(value, 33.33)
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), fleet[1])
        # The department's figures carry both, with the previous month.
        kpis = Target._compute_kpis(month_start, month_end)
        self.assertTrue(kpis["reminder_conversion"]["is_rate"])
        self.assertIn("previous", kpis["churn_rate"])
        self.assertNotIn("churn_rate", Target._compute_kpis(month_start, month_end, advisor=self.advisor))

    def test_renewal_rate(self):
        """Three customers' insurance expires this month: one renews through the dealer, one elsewhere, one not yet;
        a renewal due next month and a cancelled reminder do not count: 续保率 1 ÷ 3."""
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        cars = self.vehicle | self._create_vehicle(license_plate="浙A·X3001") \
            | self._create_vehicle(license_plate="浙A·X3002") | self._create_vehicle(license_plate="浙A·X3003") \
            | self._create_vehicle(license_plate="浙A·X3004")
        due_dates = [month_start + relativedelta(days=day) for day in (4, 9, 14)]
        due_dates += [month_end + relativedelta(days=3), month_start + relativedelta(days=19)]
        for car, due in zip(cars, due_dates, strict=True):
            car.insurance_expiry_date = due
        Reminder = self.env["aftersales.reminder"]
        cancelled = Reminder.create({"vehicle_id": cars[4].id, "company_id": self.company.id, "kind": "insurance",
                                     "due_date": due_dates[4]})
        cancelled._record_result("cancelled")
        Renewal = self.env["aftersales.insurance.renewal"].with_user(self.advisor)
        next_year = relativedelta(years=1)
        Renewal._record_renewal(cars[0], "dealer", due_dates[0] + next_year, insurer=self.insurer,
                                policy_number="PDAA2026330100201", premium=4980.0)
        Renewal._record_renewal(cars[1], "elsewhere", due_dates[1] + next_year)
        Reminder.create({"vehicle_id": cars[2].id, "company_id": self.company.id, "kind": "insurance",
                         "due_date": due_dates[2]})
        Renewal._record_renewal(cars[3], "dealer", due_dates[3] + next_year, insurer=self.insurer,
                                policy_number="PDAA2026330100202", premium=5200.0)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        mine = [("vehicle_id", "in", cars.ids)]
        value, action = Target._renewal_rate(month_start, month_end, self.company, mine)
        self.assertEqual(value, 33.33)
        due = self.env[action["res_model"]].with_user(self.kpi_manager).search(action["domain"])
        self.assertEqual(due.vehicle_id, cars[:3])
        self.assertEqual(sorted(due.mapped("renewal_channel"), key=str),
                         sorted(["dealer", "elsewhere", False], key=str))
        kpis = Target._compute_kpis(month_start, month_end)
        self.assertTrue(kpis["renewal_rate"]["is_rate"])
        self.assertIn("previous", kpis["renewal_rate"])

    def test_service_return_rate(self):
        """Three cars' maintenance falls due this month: one came 10 days early, one 40 days late (outside the 30-day
        window), one not at all; a car sold does not count: 定保回厂率 1 ÷ 3. The one first service due came back 5
        days late: 首保回厂率 100 %."""
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        cars = self.vehicle | self._create_vehicle(license_plate="浙A·R4001") \
            | self._create_vehicle(license_plate="浙A·R4002") | self._create_vehicle(license_plate="浙A·R4003") \
            | self._create_vehicle(license_plate="浙A·R4004")
        due = month_start + relativedelta(days=9)
        Reminder = self.env["aftersales.reminder"]
        reminders = Reminder.create([
            {"vehicle_id": car.id, "company_id": self.company.id, "kind": kind, "due_date": due}
            for car, kind in zip(cars, ["maintenance", "maintenance", "maintenance", "first_service", "maintenance"],
                                 strict=True)
        ])
        reminders[4]._record_result("sold_car")
        visits = [self._visit(["保养"], [1.0], settle=False) for _i in range(3)]
        self.env.flush_all()
        for order, car, day in zip(visits, (cars[0], cars[1], cars[3]), (-10, 40, 5), strict=True):
            came_in = datetime.combine(due, datetime.min.time()) + timedelta(days=day, hours=3)
            self.env.cr.execute(SQL(
                "UPDATE repair_order SET vehicle_id = %s, schedule_date = %s, promised_date = %s WHERE id = %s",
                car.id, came_in, came_in + timedelta(hours=4), order.id,
            ))
        self.env.invalidate_all()
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        mine = [("vehicle_id", "in", cars.ids)]
        value, action = Target._maintenance_return_rate(month_start, month_end, self.company, mine)
        self.assertEqual(value, 33.33)
        rows = self.env[action["res_model"]].with_user(self.kpi_manager).search(action["domain"])
        self.assertEqual(rows.vehicle_id, cars[:3])
        self.assertEqual(rows.filtered("is_returned").repair_id, visits[0])
        value, action = Target._first_service_return_rate(month_start, month_end, self.company, mine)
        self.assertEqual(value, 100.0)
        rows = self.env[action["res_model"]].with_user(self.kpi_manager).search(action["domain"])
        self.assertEqual(rows.repair_id, visits[2])
        # A window of 45 days brings the late car in.
        self.company.aftersales_reminder_conversion_days = 45
        self.assertEqual(Target._maintenance_return_rate(month_start, month_end, self.company, mine)[0], 66.67)
        kpis = Target._compute_kpis(month_start, month_end)
        self.assertTrue(kpis["maintenance_return_rate"]["is_rate"])

    def test_labour_utilisation(self):
        """The technician works 8 hours every day of the month and clocked 4 hours on jobs (1.5 + 2.5)."""
        self._build_day()
        calendar = self.env["resource.calendar"].create({
            "name": "全周两班", "tz": "Asia/Shanghai", "attendance_ids": [
                Command.create({"name": f"{day} {start}", "dayofweek": str(day), "hour_from": start,
                                "hour_to": start + 4, "day_period": period})
                for day in range(7) for start, period in ((8, "morning"), (13, "afternoon"))
            ],
        })
        self.company.resource_calendar_id = calendar
        month_start = self.today.replace(day=1)
        month_end = month_start + relativedelta(months=1, days=-1)
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        value, action = Target._labour_utilisation(month_start, month_end, self.company,
                                                   [("id", "=", self.technician.id)])
        attended = 8.0 * month_end.day
        self.assertEqual(value, round(4.0 * 100.0 / attended, 2))
        self.assertEqual(action["domain"], [("id", "in", self.technician.ids)])

    def test_previous_period_and_advisor(self):
        orders = self._build_day()
        Target = self.env["aftersales.kpi.target"]
        # The day's figures against yesterday's: the same cars counted the next day are yesterday's.
        tomorrow = self.today + timedelta(days=1)
        kpis = Target._compute_kpis(tomorrow, tomorrow, [("repair_id", "in", orders.ids)])
        self.assertEqual((kpis["cars_in"]["value"], kpis["cars_in"]["previous"]), (0, 3))
        self.assertEqual(Target._previous_period(self.today.replace(month=3, day=1), self.today.replace(
            month=3, day=31)), (self.today.replace(month=2, day=1), self.today.replace(month=2, day=28)
                                if self.today.year % 4 else self.today.replace(month=2, day=29)))
        other = new_test_user(self.env, login="kpi_advisor3", name="陈刚",
                              groups="aftersales_reception.group_service_advisor")
        kpis = Target._compute_kpis(self.today, self.today, [("repair_id", "in", orders.ids)], advisor=other)
        self.assertEqual(kpis["cars_in"]["value"], 0)

    def test_target_rules(self):
        Target = self.env["aftersales.kpi.target"].with_user(self.kpi_manager)
        next_month = self.today.replace(day=1) + relativedelta(months=1)
        with self.assertRaisesRegex(ValidationError, "first day"):
            Target.create({"kpi_code": "revenue", "period_start": next_month.replace(day=2), "target": 1})
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            Target.create({"kpi_code": "on_time_rate", "period_start": next_month, "target": 120})
        with self.assertRaisesRegex(ValidationError, "negative"):
            Target.create({"kpi_code": "revenue", "period_start": next_month, "target": -1})
