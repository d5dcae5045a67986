from datetime import datetime, timedelta

import pytz
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase
from odoo.addons.aftersales_reception.tools import step_scope


@tagged("post_install", "-at_install")
class TestWorkshop(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_chen = new_test_user(cls.env, login="ws_tech_chen", name="陈磊",
                                      groups="aftersales_reception.group_workshop_technician")
        cls.tech_liu = new_test_user(cls.env, login="ws_tech_liu", name="刘洋",
                                     groups="aftersales_reception.group_workshop_technician")
        cls.inspector = new_test_user(cls.env, login="ws_qc", name="孙浩",
                                      groups="aftersales_workshop.group_qc_inspector")
        cls.foreman = new_test_user(cls.env, login="ws_foreman", name="赵强",
                                    groups="aftersales_workshop.group_workshop_foreman")
        cls.oil_change = cls.env["aftersales.labour.operation"].create({
            "code": "01-0100", "name": "更换机油机滤", "standard_hours": 0.8,
            "time_ids": [Command.create({"model_id": cls.car_model.id, "hours": 0.6})],
        })
        cls.company.aftersales_allow_parallel_jobs = False

    def _clock(self, job, technician, start, stop, finish=False):
        """The technician's own clock buttons at the given times: on, then pause (or finish)."""
        job = job.with_user(technician)
        with freeze_time(start):
            job.action_clock_start()
        with freeze_time(stop):
            if finish:
                job.action_clock_finish()
            else:
                job._clock_pause("other_job")

    def test_labour_catalogue_fills_the_job(self):
        order = self._approved_order()
        other_model = self.env["fleet.vehicle.model"].create({"name": "Other", "brand_id": self.brand.id})
        self.assertEqual(self.oil_change._hours_for_model(self.car_model), 0.6)
        self.assertEqual(self.oil_change._hours_for_model(other_model), 0.8)
        job = self.env["aftersales.job"].new({"repair_id": order.id, "operation_id": self.oil_change.id})
        job._onchange_operation_id()
        self.assertEqual(job.labour_hours, 0.6)
        self.assertEqual(job.name, "更换机油机滤")

    def test_dispatch_with_split_hours(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        brakes._assign_technicians(self.tech_chen | self.tech_liu)
        self.assertEqual(brakes.assignment_ids.mapped("sold_hours"), [1.0, 1.0])
        chen = brakes.assignment_ids.filtered(lambda a: a.technician_id == self.tech_chen)
        liu = brakes.assignment_ids.filtered(lambda a: a.technician_id == self.tech_liu)
        liu.share = 30
        chen.share = 70
        self.assertEqual(sorted(brakes.assignment_ids.mapped("sold_hours")), [0.6, 1.4])
        with self.assertRaisesRegex(ValidationError, "cannot exceed 100"):
            liu.share = 40
        self.assertIn(brakes, self.env["aftersales.job"].search([("technician_ids", "in", self.tech_chen.ids)]))
        self.assertNotIn(service, self.env["aftersales.job"].search([("technician_ids", "in", self.tech_chen.ids)]))

    def test_clock_on_pause_and_off(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        chen_service = service.with_user(self.tech_chen)
        start = datetime(2026, 6, 1, 1, 0)
        with freeze_time(start):
            chen_service.action_clock_start()
        self.assertEqual(order.state, "under_repair", "the first clock-on starts the repair")
        self.assertEqual(service.work_state, "in_progress")
        with freeze_time(start + timedelta(minutes=30)):
            chen_service._clock_pause("parts")
        self.assertEqual((service.work_state, service.pause_reason), ("paused", "parts"))
        with freeze_time(start + timedelta(minutes=50)):
            chen_service.action_clock_start()
        with freeze_time(start + timedelta(minutes=95)):
            chen_service.action_clock_finish()
        self.assertEqual(service.state, "done")
        self.assertAlmostEqual(service.clocked_hours, 0.5 + 0.75, places=2)
        assignment = service.assignment_ids
        self.assertAlmostEqual(assignment.clocked_hours, 1.25, places=2)
        self.assertAlmostEqual(assignment.sold_hours, 1.0, places=2)
        brakes._assign_technicians(self.tech_liu)
        with self.assertRaisesRegex(UserError, "not assigned"):
            brakes.with_user(self.tech_chen).action_clock_start()
        with self.assertRaisesRegex(UserError, "not assigned"):
            brakes.with_user(self.foreman)._clock_start(self.tech_chen)
        self.assertFalse(brakes.clock_ids)

    def test_overlapping_clock_on_refused(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        (service | brakes)._assign_technicians(self.tech_chen)
        service.with_user(self.tech_chen).action_clock_start()
        with self.assertRaisesRegex(ValidationError, "already clocked on"):
            brakes.with_user(self.tech_chen).action_clock_start()
        self.assertFalse(brakes.clock_ids)
        self.company.aftersales_allow_parallel_jobs = True
        brakes.with_user(self.tech_chen).action_clock_start()
        self.assertEqual(brakes.work_state, "in_progress")

    def test_overlap_with_past_and_batched_clocks_refused(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        (service | brakes)._assign_technicians(self.tech_chen)
        Clock = self.env["aftersales.job.clock"]
        nine = fields.Datetime.now() - timedelta(days=1)

        def clock(job, start_hours, stop_hours):
            return {"job_id": job.id, "technician_id": self.tech_chen.id,
                    "start": nine + timedelta(hours=start_hours),
                    "stop": stop_hours is not None and nine + timedelta(hours=stop_hours)}

        with step_scope("test setup"):
            Clock.create([clock(service, 0, 1)])  # 09:00-10:00 yesterday
            # Touching stretches, and one of no length inside, share no moment.
            Clock.create([clock(brakes, 1, 2), clock(brakes, -1, 0), clock(brakes, 0.5, 0.5)])
            for stretch in ((0.5, 0.75), (-0.5, 0.25), (0.75, None), (-2, None)):
                with self.assertRaisesRegex(ValidationError, "already clocked on"), self.cr.savepoint():
                    Clock.create([clock(brakes, *stretch)])
            # Two new clocks of one batch that overlap each other.
            with self.assertRaisesRegex(ValidationError, "already clocked on"), self.cr.savepoint():
                Clock.create([clock(brakes, 3, 4), clock(service, 3.5, 5)])
            Clock.create([clock(brakes, 3, 4), clock(service, 4, 5)])
        self.assertEqual(len(service.clock_ids), 2)
        self.assertEqual(len(brakes.clock_ids), 4)

    def test_progress_activity_at_75_percent(self):
        order = self._approved_order(hours=(2.0, 1.0))
        service, _brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        start = order.schedule_date  # the promise comes after the order
        order.promised_date = start + timedelta(hours=2, minutes=10)
        with freeze_time(start):
            service.with_user(self.tech_chen).action_clock_start()
        Job = self.env["aftersales.job"]
        with freeze_time(start + timedelta(hours=1)):
            Job._cron_check_progress()
        self.assertFalse(order.activity_ids, "half the time used: nothing to check yet")
        with freeze_time(start + timedelta(hours=1, minutes=40)):
            self.assertEqual(Job._cron_check_progress(), 1)
        activity = order.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, order.user_id)
        with freeze_time(start + timedelta(hours=1, minutes=50)):
            Job._cron_check_progress()
        self.assertEqual(len(order.activity_ids), 1, "one activity per job")

    def test_progress_overrun_tells_the_customer(self):
        order = self._approved_order(hours=(2.0, 1.0))
        service = order.job_ids.sorted("id")[0]
        service._assign_technicians(self.tech_chen)
        start = order.schedule_date  # the promise comes after the order
        order.promised_date = start + timedelta(hours=1, minutes=40)
        with freeze_time(start):
            service.with_user(self.tech_chen).action_clock_start()
        with freeze_time(start + timedelta(hours=1, minutes=35)):
            self.env["aftersales.job"]._cron_check_progress()
        self.assertIn("overrun the promised time", str(order.activity_ids.note))

    def test_failed_quality_check_blocks_delivery_until_rework_passes(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        order.action_repair_start()
        self.assertEqual(order.aftersales_stage, "in_repair")
        (service | brakes).action_mark_done()
        self.assertEqual(order.aftersales_stage, "qc", "every job done: the car waits for the inspector")
        with self.assertRaisesRegex(UserError, "quality check"):
            order.action_repair_end()
        QualityCheck = self.env["aftersales.quality.check"].with_user(self.inspector)
        check = QualityCheck.create({"repair_id": order.id, "jobs_checked": True, "road_test_done": True,
                                     "wash_done": True})
        with self.assertRaisesRegex(UserError, "Name the jobs"):
            check.action_fail()
        check.write({"rework_job_ids": [Command.set(brakes.ids)], "note": "刹车仍有异响"})
        check.action_fail()
        self.assertEqual(order.quality_state, "failed")
        self.assertEqual(brakes.state, "approved")
        self.assertEqual(brakes.rework_count, 1)
        self.assertEqual(order.aftersales_stage, "in_repair", "the rework goes back to the workshop")
        self.assertIn("quality check has not passed", "\n".join(order._get_delivery_blockers()))
        second = QualityCheck.create({"repair_id": order.id, "jobs_checked": True, "road_test_done": True,
                                      "wash_done": True})
        with self.assertRaisesRegex(UserError, "not finished"):
            second.action_pass()
        brakes.action_mark_done()
        second.action_pass()
        self.assertEqual(order.quality_state, "passed")
        self.assertEqual((check.decision_user_id, second.decision_user_id), (self.inspector, self.inspector))
        # The inspector who passed the car ends the repair himself.
        self.assertEqual(order.aftersales_stage, "qc", "passed, the inspector still ends the repair")
        second.action_end_repair()
        self.assertEqual(order.state, "done")
        self.assertEqual(order.aftersales_stage, "ready")
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

    def test_comeback_detected_at_check_in(self):
        order = self._approved_order(concerns=("刹车异响",), hours=(1.0,))
        order.job_ids._assign_technicians(self.tech_chen)
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order._record_delivery(41005, False, 46005)
        check_in = self._check_in(41300, ["刹车还是响"])
        self.assertEqual(check_in.comeback_candidate_id, order)
        # Too far: beyond the window's kilometres it is a new visit.
        far = self.env["aftersales.check.in"].new({"vehicle_id": self.vehicle.id, "odometer": 43000})
        self.assertFalse(far.comeback_candidate_id)
        check_in.is_comeback = True
        check_in.action_create_work_order()
        comeback = check_in.repair_id
        self.assertEqual(comeback.comeback_of_id, order)
        self.assertEqual(comeback.comeback_technician_ids, self.tech_chen)
        self.assertEqual(self.env["repair.order"].search_count([
            ("comeback_of_id.job_ids.assignment_ids.technician_id", "=", self.tech_chen.id)]), 1)

    def test_handover_to_workshop(self):
        order = self._approved_order()
        order._handover_to_workshop(foreman=self.env.user)
        self.assertTrue(order.handover_date)
        with self.assertRaisesRegex(UserError, "already with the workshop"):
            order.action_handover_to_workshop()

    def test_efficiency_figures(self):
        """Sold ÷ clocked hours per technician on a known data set."""
        order = self._approved_order(hours=(2.0, 1.0))
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        brakes._assign_technicians(self.tech_chen | self.tech_liu)
        day = datetime(2026, 6, 1, 1, 0)
        self._clock(service, self.tech_chen, day, day + timedelta(hours=2, minutes=30))
        self._clock(brakes, self.tech_chen, day + timedelta(hours=3), day + timedelta(hours=3, minutes=30))
        self._clock(brakes, self.tech_liu, day + timedelta(hours=3), day + timedelta(hours=4))
        Assignment = self.env["aftersales.job.assignment"]
        sold = dict(Assignment._read_group([("repair_id", "=", order.id)], ["technician_id"], ["sold_hours:sum"]))
        clocked = dict(self.env["aftersales.job.clock"]._read_group(
            [("repair_id", "=", order.id)], ["technician_id"], ["duration:sum"]
        ))
        self.assertAlmostEqual(sold[self.tech_chen] / clocked[self.tech_chen], 2.5 / 3.0, places=3)
        self.assertAlmostEqual(sold[self.tech_liu] / clocked[self.tech_liu], 0.5 / 1.0, places=3)

    def test_service_package_fills_jobs_and_parts(self):
        package = self.env["aftersales.service.package"].create({
            "name": "10 000 km 保养", "mileage_interval": 10000, "model_ids": [Command.set(self.car_model.ids)],
            "operation_ids": [Command.set(self.oil_change.ids)],
            "line_ids": [Command.create({"product_id": self.oil_filter.id, "quantity": 1}),
                         Command.create({"product_id": self.engine_oil.id, "quantity": 4})],
        })
        for interval, name in ((30000, "30 000 km 保养"), (50000, "50 000 km 保养")):
            package.copy({"name": name, "mileage_interval": interval})
        check_in = self._check_in(41000, ["做保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id.with_user(self.advisor)
        # The advisor's button proposes the package nearest the mileage in: at 41 000 km the 50 000 km
        # service (9 000 km away) rather than the 30 000 km one (11 000 km away).
        action = order.action_open_package_wizard()
        wizard_form = Form(self.env[action["res_model"]].with_user(self.advisor).with_context(**action["context"]))
        self.assertEqual(wizard_form.package_id.mileage_interval, 50000)
        wizard_form.package_id = package
        wizard_form.save().action_apply()
        job = order.job_ids.filtered("operation_id")
        self.assertEqual(job.labour_hours, 0.6, "the model's own time")
        self.assertEqual(sorted(job.move_ids.mapped("product_uom_qty")), [1.0, 4.0])
        self.assertAlmostEqual(job.amount_total, 0.6 * 300 + 58 + 4 * 80, places=2)
        other_model = self.env["fleet.vehicle.model"].create({"name": "Other", "brand_id": self.brand.id})
        self.vehicle.model_id = other_model
        with self.assertRaisesRegex(UserError, "does not fit"):
            order._add_service_package(package)

    def test_technician_proposes_additional_work(self):
        order = self._approved_order()
        service = order.job_ids.sorted("id")[0]
        service._assign_technicians(self.tech_chen)
        service.with_user(self.tech_chen).action_clock_start()
        wizard = self.env["aftersales.extra.work.wizard"].with_user(self.tech_chen).create({
            "job_id": service.id, "name": "更换前刹车片", "reason": "刹车片只剩 2 mm", "labour_hours": 1.0,
            "product_ids": [Command.set(self.brake_pads.ids)],
        })
        job = wizard.action_propose()
        self.assertEqual((job.state, job.is_additional, job.repair_id), ("proposed", True, order))
        self.assertEqual(job.create_uid, self.tech_chen)
        self.assertEqual(job.move_ids.product_id, self.brake_pads)
        # At the settings' rate and the part's list price: 1 h × 300 + 1 × 620, which the technician does not read.
        with self.assertRaisesRegex(AccessError, 'the field "labour_rate"'):
            job.read(["labour_rate"])
        job = job.with_user(self.advisor)
        self.assertEqual((job.labour_rate, job.labour_amount), (300.0, 300.0))
        self.assertEqual((job.move_ids.product_uom_qty, job.move_ids.billing_price_unit), (1.0, 620.0))
        self.assertEqual((job.parts_amount, job.amount_total), (620.0, 920.0))
        self.assertIn("更换前刹车片", order.activity_ids.summary)
        self.assertEqual(order.activity_ids.user_id, order.user_id)

    def test_technician_proposes_only_on_an_order_he_works_on(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        proposal = {"repair_id": order.id, "name": "更换前刹车片", "is_additional": True, "labour_hours": 1.0}
        # Liu works on no job of the order: neither the wizard nor a direct create lets him add work to it.
        wizard = self.env["aftersales.extra.work.wizard"].with_user(self.tech_liu).create({
            "job_id": service.id, "name": "更换前刹车片", "reason": "刹车片只剩 2 mm", "labour_hours": 1.0,
        })
        with self.assertRaisesRegex(AccessError, "刘洋 works on no job of work order"):
            wizard.action_propose()
        Job = self.env["aftersales.job"].with_user(self.tech_chen)
        with self.assertRaisesRegex(AccessError, "刘洋 works on no job of work order"):
            Job.with_user(self.tech_liu).create(proposal)
        # Chen proposes additional work, at the settings' rate, and changes no job.
        with self.assertRaisesRegex(AccessError, 'the field "labour_rate"'):
            Job.create({**proposal, "labour_rate": 1.0})
        with self.assertRaises(AccessError):
            Job.create({**proposal, "is_additional": False})
        with self.assertRaises(AccessError):
            service.with_user(self.tech_chen).write({"labour_hours": 5.0})
        with self.assertRaisesRegex(UserError, "only its business step"):
            Job.create({**proposal, "state": "approved"})
        self.assertEqual(order.job_ids, service | brakes, "no job added")
        # Nor on an order that is not in progress.
        draft = self._check_in(41000, ["异响"], vehicle=self._create_vehicle(
            make_vin("LTV2A21K", "M3097001"), license_plate="浙A·W7001"))
        draft.action_create_work_order()
        draft.repair_id.job_ids._assign_technicians(self.tech_chen)
        with self.assertRaises(AccessError):
            Job.create({**proposal, "repair_id": draft.repair_id.id})
        self.assertEqual(len(draft.repair_id.job_ids), 1)
        job = Job.create(proposal).with_user(self.advisor)
        self.assertEqual((job.state, job.labour_rate, job.amount_total), ("proposed", 300.0, 300.0))

    def test_technician_clocks_only_himself(self):
        order = self._approved_order()
        service = order.job_ids.sorted("id")[0]
        service._assign_technicians(self.tech_chen | self.tech_liu)
        service.with_user(self.tech_chen).action_clock_start()
        service.with_user(self.tech_chen)._clock_pause("parts")
        clock = service.clock_ids
        self.assertEqual((clock.technician_id, clock.create_uid, clock.write_uid), (self.tech_chen,) * 3)
        self.assertEqual((service.work_state, service.pause_reason), ("paused", "parts"))
        stop = clock.stop
        # Even inside a step, a technician's rights reach only his own clocks.
        Clock = self.env["aftersales.job.clock"].with_user(self.tech_liu)
        with step_scope("test setup"):
            with self.assertRaises(AccessError):
                clock.with_user(self.tech_liu).write({"stop": stop + timedelta(hours=1), "pause_reason": "break"})
            with self.assertRaises(AccessError):
                Clock.create({"job_id": service.id, "technician_id": self.tech_chen.id})
        self.assertEqual((clock.stop, clock.pause_reason), (stop, "parts"))
        self.assertEqual(service.clock_ids, clock)
        service.with_user(self.tech_liu).action_clock_start()
        self.assertEqual(service.clock_ids.technician_id, self.tech_chen | self.tech_liu)

    def test_technician_load_today(self):
        order = self._approved_order(hours=(3.0, 2.0))
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        brakes._assign_technicians(self.tech_chen | self.tech_liu)
        self.tech_chen.resource_calendar_id = self.company.resource_calendar_id
        with freeze_time("2026-06-01 03:00:00"):  # a Monday
            # The foreman's board, read with his own rights.
            chen = self.tech_chen.with_user(self.foreman)
            chen.invalidate_recordset()
            self.assertEqual(chen.aftersales_hours_today, 8.0)
            self.assertEqual(chen.aftersales_booked_hours, 4.0)
            self.assertEqual(chen.aftersales_load_percent, 50.0)

    def test_workshop_analysis(self):
        order = self._approved_order(hours=(2.0, 1.0))
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        brakes._assign_technicians(self.tech_liu)
        day = datetime(2026, 6, 1, 1, 0)
        self._clock(service, self.tech_chen, day, day + timedelta(hours=2, minutes=30), finish=True)
        self._clock(brakes, self.tech_liu, day, day + timedelta(hours=1), finish=True)
        self.assertEqual((service.state, brakes.state), ("done", "done"))
        brakes.action_reopen()
        brakes.action_mark_done()
        self.env.flush_all()
        Report = self.env["aftersales.workshop.report"]
        rows = {row.technician_id: row for row in Report.search([("repair_id", "=", order.id)])}
        self.assertEqual((rows[self.tech_chen].sold_hours, rows[self.tech_chen].clocked_hours), (2.0, 2.5))
        self.assertEqual((rows[self.tech_chen].first_time_fix, rows[self.tech_liu].first_time_fix), (1, 0))
        self.assertEqual(rows[self.tech_liu].rework_count, 1)

    def test_dispatch_board_query_count(self):
        """200 open jobs of 40 technicians load in a bounded number of queries."""
        technicians = self.env["res.users"].create([
            {"name": f"技师 {index}", "login": f"bench_tech_{index}",
             "group_ids": [Command.set(self.env.ref("aftersales_reception.group_workshop_technician").ids)]}
            for index in range(40)
        ])
        check_in = self._check_in(41000, [f"项目 {index}" for index in range(200)])
        check_in.action_create_work_order()
        order = check_in.repair_id
        order.job_ids.write({"labour_hours": 1.0})
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        for index, job in enumerate(order.job_ids):
            job.assignment_ids = [Command.create({"technician_id": technicians[index % 40].id})]
        spec = {
            "name": {}, "priority": {}, "work_state": {}, "labour_hours": {}, "clocked_hours": {},
            "repair_id": {"fields": {"display_name": {}}}, "vehicle_id": {"fields": {"display_name": {}}},
            "technician_ids": {"fields": {"display_name": {}}},
            "assignment_ids": {"fields": {"technician_id": {"fields": {"display_name": {}}}, "share": {}}},
        }
        Job = self.env["aftersales.job"]
        domain = [("repair_id", "=", order.id)]
        Job.web_search_read(domain, spec, limit=200)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=20):
            result = Job.web_search_read(domain, spec, limit=200)
        self.assertEqual(result["length"], 200)
        # The load per technician: one grouped query and the calendars' hours, whatever the count.
        with self.assertQueryCount(__system__=8):
            technicians.invalidate_recordset()
            technicians.mapped("aftersales_booked_hours")

    def test_dispatch_wizard(self):
        order = self._approved_order()
        jobs = order.job_ids
        wizard = self.env["aftersales.dispatch.wizard"].with_user(self.foreman).with_context(
            active_model="aftersales.job", active_ids=jobs.ids,
        ).create({"technician_ids": [Command.set((self.tech_chen | self.tech_liu).ids)], "priority": "1"})
        self.assertEqual(wizard.job_ids, jobs)
        wizard.action_dispatch()
        self.assertEqual(set(jobs.mapped("priority")), {"1"})
        for job in jobs:
            self.assertEqual(job.assignment_ids.technician_id, self.tech_chen | self.tech_liu)
            self.assertEqual(job.assignment_ids.mapped("share"), [50.0, 50.0])

    def test_rights_per_role(self):
        expected = {
            # model: {user: "read write create unlink"}
            "aftersales.job.assignment": {self.tech_chen: "1000", self.foreman: "1111", self.advisor: "1111"},
            "aftersales.job.clock": {self.tech_chen: "1110", self.foreman: "1110", self.manager: "1111"},
            "aftersales.quality.check": {self.tech_chen: "1000", self.inspector: "1110", self.manager: "1111"},
            "aftersales.labour.operation": {self.tech_chen: "1000", self.advisor: "1000", self.manager: "1111"},
            "aftersales.service.package": {self.advisor: "1000", self.manager: "1111"},
        }
        for model, rights in expected.items():
            for user, allowed in rights.items():
                got = "".join("1" if self.env[model].with_user(user).has_access(operation) else "0"
                              for operation in ("read", "write", "create", "unlink"))
                self.assertEqual(got, allowed, f"{user.login} on {model}")
        # Technicians clock through the job's methods, not by editing clocks.
        order = self._approved_order()
        job = order.job_ids[0]
        job._assign_technicians(self.tech_chen)
        job.with_user(self.tech_chen).action_clock_start()
        self.assertEqual(job.clock_ids.technician_id, self.tech_chen)

    def test_skills_teams_and_bays(self):
        high_voltage = self.env["aftersales.skill"].create({"name": "高压电系统"})
        team = self.env["aftersales.workshop.team"].create({"name": "机修一组", "member_ids": [
            Command.set((self.tech_chen | self.tech_liu).ids)]})
        bay = self.env["aftersales.workshop.bay"].create({"name": "3 号举升机", "team_id": team.id})
        battery = self.env["aftersales.labour.operation"].create({
            "code": "07-0100", "name": "检查高压电池", "standard_hours": 1.5, "team_id": team.id,
            "skill_ids": [Command.set(high_voltage.ids)],
        })
        order = self._approved_order()
        job = order.job_ids[0]
        job.write({"operation_id": battery.id, "bay_id": bay.id})
        self.assertEqual(job.team_id, team)
        with self.assertRaisesRegex(UserError, "高压电系统"):
            job._assign_technicians(self.tech_liu)
        self.tech_chen.aftersales_skill_ids = high_voltage
        job._assign_technicians(self.tech_chen | self.tech_liu)
        groups = self.env["aftersales.job"]._read_group([("repair_id", "=", order.id)], ["bay_id"], ["__count"])
        self.assertIn((bay, 1), groups)

    def test_productivity_and_efficiency_of_the_month(self):
        """Clocked ÷ attended and sold ÷ clocked on a known month."""
        order = self._approved_order(hours=(3.0, 1.0))
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        brakes._assign_technicians(self.tech_chen)
        self.tech_chen.resource_calendar_id = self.company.resource_calendar_id  # 8 h a day, Mon–Fri
        monday = datetime(2026, 6, 1, 1, 0)
        self._clock(service, self.tech_chen, monday, monday + timedelta(hours=4), finish=True)
        self._clock(brakes, self.tech_chen, monday + timedelta(hours=5), monday + timedelta(hours=6), finish=True)
        # The foreman's figures, read with his own rights.
        chen = self.tech_chen.with_user(self.foreman)
        attended, clocked, sold = chen._aftersales_workshop_figures(
            monday.date(), monday.date() + timedelta(days=1)
        )[self.tech_chen.id]
        self.assertEqual((attended, clocked, sold), (8.0, 5.0, 4.0))
        with freeze_time("2026-06-01 12:00:00"):
            chen.invalidate_recordset()
            self.assertAlmostEqual(chen.aftersales_productivity, 62.5, places=1)
            self.assertEqual(chen.aftersales_efficiency, 80.0)

    def test_attended_hours_less_time_off(self):
        """Two technicians on one calendar, read at once: the one on leave on Tuesday attended a day less."""
        calendar = self.company.resource_calendar_id  # 8 h a day, Mon–Fri
        technicians = self.tech_chen | self.tech_liu
        resources = self.env["resource.resource"].create([
            {"name": user.name, "user_id": user.id, "calendar_id": calendar.id, "tz": calendar.tz}
            for user in technicians
        ])
        tz = pytz.timezone(calendar.tz)
        tuesday, wednesday = (tz.localize(datetime(2026, 6, day)).astimezone(pytz.utc).replace(tzinfo=None)
                              for day in (2, 3))
        self.env["resource.calendar.leaves"].create({
            "name": "年假", "resource_id": resources[1].id, "calendar_id": calendar.id,
            "date_from": tuesday, "date_to": wednesday,
        })
        week = technicians._aftersales_attended_hours(datetime(2026, 6, 1), datetime(2026, 6, 8))
        self.assertEqual(week, {self.tech_chen.id: 40.0, self.tech_liu.id: 32.0})

    # ------------------------------------------------------------------
    # Steps only: every state of the workshop changes through its button
    # ------------------------------------------------------------------

    def _assert_step_refused(self, records, vals, message="only its business step"):
        before = records.read(list(vals))
        with self.assertRaisesRegex(UserError, message):
            records.write(vals)
        records.invalidate_recordset()
        self.assertEqual(records.read(list(vals)), before, "nothing written")

    def _dispatched_and_clocked(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        (service | brakes)._assign_technicians(self.tech_chen)
        day = datetime(2026, 6, 1, 1, 0)
        self._clock(service, self.tech_chen, day, day + timedelta(hours=1))
        return order, service, brakes

    def test_job_step_fields_refused_directly(self):
        order, service, brakes = self._dispatched_and_clocked()
        self.assertEqual((service.work_state, service.pause_reason), ("paused", "other_job"))
        for env in (self.env, self.env(user=self.foreman), self.env(user=self.advisor)):
            job = service.with_env(env)
            for vals in ({"work_state": "done"}, {"pause_reason": "parts"}, {"clocked_hours": 9.0},
                         {"rework_count": 3}, {"progress_alert_date": datetime(2026, 6, 1, 2, 0)},
                         {"state": "done"}):
                self._assert_step_refused(job, vals)
        Job = self.env["aftersales.job"].with_user(self.advisor)
        for vals in ({"work_state": "in_progress"}, {"rework_count": 1}, {"progress_alert_date": datetime(2026, 6, 1)}):
            with self.assertRaisesRegex(UserError, "only its business step"):
                Job.create({"repair_id": order.id, "name": "补录", "is_additional": True, **vals})
        with self.assertRaisesRegex(UserError, "only its business step"):
            Job.with_context(default_work_state="done").create({"repair_id": order.id, "name": "补录"})
        self.assertEqual(order.job_ids, service | brakes, "no job created")
        self.assertEqual(service.clocked_hours, 1.0)

    def test_clock_records_refused_directly(self):
        _order, service, brakes = self._dispatched_and_clocked()
        clock = service.clock_ids
        start = clock.start
        for env in (self.env, self.env(user=self.foreman), self.env(user=self.manager)):
            Clock = self.env["aftersales.job.clock"].with_env(env)
            with self.assertRaisesRegex(UserError, "kept by their business step"):
                Clock.create({"job_id": brakes.id, "technician_id": self.tech_chen.id,
                              "start": start, "stop": start + timedelta(hours=8)})
            self._assert_step_refused(clock.with_env(env), {"stop": start + timedelta(hours=5)},
                                      message="kept by their business step")
            self._assert_step_refused(clock.with_env(env), {"technician_id": self.tech_liu.id},
                                      message="kept by their business step")
        with self.assertRaisesRegex(UserError, "kept by their business step"):
            clock.with_user(self.manager).unlink()
        self.assertTrue(clock.exists())
        self.assertFalse(brakes.clock_ids)
        self.assertEqual(service.clocked_hours, 1.0)

    def test_quality_check_step_fields_refused_directly(self):
        order = self._approved_order()
        order.action_repair_start()
        order.job_ids.action_mark_done()
        QualityCheck = self.env["aftersales.quality.check"]
        values = {"repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True}
        for env in (self.env, self.env(user=self.inspector)):
            for forced in ({"state": "passed"}, {"state": "failed"}, {"decision_user_id": self.inspector.id}):
                with self.assertRaisesRegex(UserError, "only its business step"):
                    QualityCheck.with_env(env).create({**values, **forced})
            with self.assertRaisesRegex(UserError, "only its business step"):
                QualityCheck.with_env(env).with_context(default_state="passed").create(values)
        self.assertFalse(order.quality_check_ids, "no check created")
        self.assertEqual(order.quality_state, "none")
        check = QualityCheck.with_user(self.inspector).create(values)
        self.assertEqual(check.state, "pending")
        for env in (self.env, self.env(user=self.inspector)):
            self._assert_step_refused(check.with_env(env), {"state": "passed"})
            self._assert_step_refused(check.with_env(env), {"decision_date": datetime(2026, 6, 1)})
        self.assertEqual(order.quality_state, "pending")
        with self.assertRaisesRegex(UserError, "only its business step"):
            order.with_user(self.advisor).write({"quality_state": "passed"})
        self.assertEqual(order.quality_state, "pending")
        with self.assertRaisesRegex(UserError, "quality check"):
            order.action_repair_end()
        # Passed through its button, the check is the record of the inspection: it stays as it was.
        check.with_user(self.inspector).action_pass()
        self.assertEqual(order.quality_state, "passed")
        other = self._approved_order(mileage=41100)
        for env in (self.env, self.env(user=self.inspector)):
            self._assert_step_refused(check.with_env(env), {"repair_id": other.id}, message="cannot change")
            self._assert_step_refused(check.with_env(env), {"jobs_checked": False}, message="cannot change")
        self.assertEqual(other.quality_state, "none")

    def test_handover_fields_refused_directly(self):
        order = self._approved_order()
        for env in (self.env, self.env(user=self.advisor), self.env(user=self.foreman)):
            self._assert_step_refused(order.with_env(env), {"handover_date": datetime(2026, 6, 1, 1, 0)})
            self._assert_step_refused(order.with_env(env), {"handover_foreman_id": self.foreman.id})
        self.assertFalse(order.handover_date)
        order.with_user(self.foreman).action_handover_to_workshop()
        self.assertEqual(order.handover_foreman_id, self.foreman)
        self.assertTrue(order.handover_date)

    def test_no_clock_on_an_order_set_back_to_draft(self):
        """An order cancelled and set back to draft keeps its approved jobs; nobody works on them until
        the customer approves again."""
        order = self._approved_order()
        service = order.job_ids.sorted("id")[0]
        service._assign_technicians(self.tech_chen)
        order.action_repair_cancel()
        order.action_repair_cancel_draft()
        self.assertEqual((order.state, service.state), ("draft", "approved"))
        with self.assertRaisesRegex(UserError, "not approved yet"):
            service.with_user(self.tech_chen).action_clock_start()
        self.assertFalse(service.clock_ids)
        self.assertEqual(order.state, "draft")

    def test_clock_refused_to_who_the_job_is_not_dispatched_to(self):
        reader = new_test_user(self.env, login="ws_reader", name="林芳",
                               groups="aftersales_reception.group_aftersales_user")
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        service._assign_technicians(self.tech_chen)
        # An unassigned job, and a job dispatched to someone else: nobody but the foreman clocks on them.
        for user in (self.cashier, reader, self.advisor, self.tech_liu, self.inspector):
            for job in (service, brakes):
                with self.assertRaisesRegex(AccessError, "not assigned to job"):
                    job.with_user(user).action_clock_start()
                with self.assertRaisesRegex(AccessError, "not assigned to job"):
                    job.with_user(user).action_clock_finish()
        with self.assertRaisesRegex(AccessError, "Only the workshop foreman"):
            service.with_user(self.tech_liu)._clock_start(self.tech_chen)
        self.assertEqual(order.state, "confirmed", "the repair did not start")
        self.assertFalse((service | brakes).clock_ids)
        # Dispatched to Chen: Chen clocks on; nobody else finishes his job.
        service.with_user(self.tech_chen).action_clock_start()
        self.assertEqual(order.state, "under_repair")
        for user in (self.cashier, reader, self.tech_liu):
            with self.assertRaisesRegex(AccessError, "not assigned to job"):
                service.with_user(user).action_clock_finish()
        with self.assertRaisesRegex(UserError, "not working on"):
            brakes.with_user(self.foreman)._clock_finish(self.tech_chen)
        self.assertEqual((service.state, service.work_state), ("approved", "in_progress"))
        self.assertEqual(brakes.state, "approved")
        # The foreman clocks for the technician: Chen's clock is stopped and the job done.
        service.with_user(self.foreman)._clock_finish(self.tech_chen)
        self.assertEqual((service.state, service.work_state), ("done", "done"))
        self.assertEqual(service.clock_ids.technician_id, self.tech_chen)
        self.assertTrue(service.clock_ids.stop)

    def test_qc_inspector_ends_the_repair(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        (service | brakes)._assign_technicians(self.tech_chen)
        day = datetime(2026, 6, 1, 1, 0)
        self._clock(service, self.tech_chen, day, day + timedelta(hours=1), finish=True)
        self._clock(brakes, self.tech_chen, day + timedelta(hours=1), day + timedelta(hours=3), finish=True)
        self.assertEqual(order.state, "under_repair")
        inspector_order = order.with_user(self.inspector)
        with self.assertRaisesRegex(UserError, "needs a passed quality check"):
            inspector_order.action_repair_end()
        check = self.env["aftersales.quality.check"].with_user(self.inspector).create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        })
        with self.assertRaisesRegex(UserError, "Pass the quality check"):
            check.action_end_repair()
        check.action_pass()
        self.assertEqual((check.state, check.decision_user_id), ("passed", self.inspector))
        # A technician does not end the repair: it is the inspector's verdict.
        with self.assertRaises(AccessError):
            order.with_user(self.tech_chen).action_repair_end()
        self.assertEqual(order.state, "under_repair")
        inspector_order.action_repair_end()
        self.assertEqual(order.state, "done")
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

    def test_refusals_speak_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_workshop"], ["zh_CN"], overwrite=True)
        order = self._approved_order()
        service = order.job_ids.sorted("id")[0]
        service._assign_technicians(self.tech_chen)
        with self.assertRaisesRegex(AccessError, "未被派工到项目"):
            service.with_user(self.cashier).with_context(lang="zh_CN").action_clock_start()
        with self.assertRaisesRegex(AccessError, "只有车间主管"):
            service.with_user(self.tech_liu).with_context(lang="zh_CN")._clock_start(self.tech_chen)
        with self.assertRaisesRegex(AccessError, "刘洋 未被派工到工单 .* 的任何项目"):
            self.env["aftersales.job"].with_user(self.tech_liu).with_context(lang="zh_CN").create({
                "repair_id": order.id, "name": "更换前刹车片", "is_additional": True,
            })
        check = self.env["aftersales.quality.check"].with_user(self.inspector).with_context(lang="zh_CN").create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        })
        with self.assertRaisesRegex(UserError, "请先通过质检"):
            check.action_end_repair()
