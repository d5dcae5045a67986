from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestDispatchBoard(VisitCase):
    """The foreman's dispatch board and the queues of the workshop's roles, each used with its role's rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_wu = new_test_user(cls.env, login="board_tech_wu", name="吴师傅",
                                    groups="aftersales_reception.group_workshop_technician")
        cls.tech_ma = new_test_user(cls.env, login="board_tech_ma", name="马师傅",
                                    groups="aftersales_reception.group_workshop_technician")
        cls.foreman = new_test_user(cls.env, login="board_foreman", name="赵主管",
                                    groups="aftersales_workshop.group_workshop_foreman")
        cls.inspector = new_test_user(cls.env, login="board_qc", name="孙质检",
                                      groups="aftersales_workshop.group_qc_inspector")

    def _action_domain(self, xmlid):
        return safe_eval(self.env.ref(xmlid).domain or "[]")

    def _board(self, user):
        """The board's columns as the user's browser loads them: (technician, job count, labour hours)."""
        Job = self.env["aftersales.job"].with_user(user).with_context(read_group_expand=True)
        groups = Job.web_read_group(
            self._action_domain("aftersales_workshop.aftersales_job_dispatch_action"),
            ["dispatch_technician_id"], ["labour_hours:sum"],
        )["groups"]
        return [
            (group["dispatch_technician_id"] and group["dispatch_technician_id"][0], group["__count"],
             group["labour_hours:sum"] or 0.0)
            for group in groups
        ]

    def _assignments(self, job):
        return [(a.technician_id, a.share, a.sold_hours) for a in job.assignment_ids.sorted("id")]

    # ------------------------------------------------------------------
    # Dragging a card
    # ------------------------------------------------------------------

    def test_drag_dispatches_as_the_wizard_does(self):
        order = self._approved_order(hours=(1.0, 2.0))
        service, brakes = order.job_ids.sorted("id")
        # The card dragged to 吴师傅's column: the client writes the column's field.
        service.with_user(self.foreman).write({"dispatch_technician_id": self.tech_wu.id})
        # The same dispatch through the dialog.
        wizard = self.env["aftersales.dispatch.wizard"].with_user(self.foreman).with_context(
            active_model="aftersales.job", active_ids=brakes.ids,
        ).create({"technician_ids": [Command.set(self.tech_wu.ids)]})
        wizard.action_dispatch()
        self.assertEqual(self._assignments(service), [(self.tech_wu, 100.0, 1.0)])
        self.assertEqual(self._assignments(brakes), [(self.tech_wu, 100.0, 2.0)])
        self.assertEqual((service | brakes).dispatch_technician_id, self.tech_wu)
        self.assertEqual(self.tech_wu.aftersales_booked_hours, 3.0)
        # Dragged on to 马师傅: the job is his alone.
        service.with_user(self.foreman).write({"dispatch_technician_id": self.tech_ma.id})
        self.assertEqual(self._assignments(service), [(self.tech_ma, 100.0, 1.0)])
        self.tech_wu.invalidate_recordset(["aftersales_booked_hours"])
        self.assertEqual((self.tech_wu.aftersales_booked_hours, self.tech_ma.aftersales_booked_hours), (2.0, 1.0))
        # A job shared by two shows in the column of the larger share (the first one on a tie).
        brakes.with_user(self.foreman)._dispatch(self.tech_ma | self.tech_wu)
        self.assertEqual(self._assignments(brakes), [(self.tech_ma, 50.0, 1.0), (self.tech_wu, 50.0, 1.0)])
        self.assertEqual(brakes.dispatch_technician_id, self.tech_ma)
        brakes.assignment_ids.sorted("id")[0].with_user(self.foreman).share = 30.0
        brakes.assignment_ids.sorted("id")[1].with_user(self.foreman).share = 70.0
        self.assertEqual(brakes.dispatch_technician_id, self.tech_wu)
        # Dragged back to the jobs to dispatch: nobody has worked on it yet.
        service.with_user(self.foreman).write({"dispatch_technician_id": False})
        self.assertFalse(service.assignment_ids)
        self.assertFalse(service.dispatch_technician_id)

    def test_drag_follows_the_rules_of_the_dispatch(self):
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        # A technician does not dispatch; nor does anyone through a bare write of the column's job.
        with self.assertRaises(AccessError):
            service.with_user(self.tech_wu).write({"dispatch_technician_id": self.tech_wu.id})
        with self.assertRaisesRegex(UserError, "business step"):
            service.with_user(self.foreman).copy({"dispatch_technician_id": self.tech_wu.id})
        self.assertFalse(service.assignment_ids)
        # The skills of the operation hold on the board too.
        high_voltage = self.env["aftersales.skill"].create({"name": "高压电系统"})
        battery = self.env["aftersales.labour.operation"].create({
            "code": "07-0200", "name": "检查高压电池", "standard_hours": 1.5,
            "skill_ids": [Command.set(high_voltage.ids)],
        })
        brakes.write({"operation_id": battery.id})
        with self.assertRaisesRegex(UserError, "高压电系统"):
            brakes.with_user(self.foreman).write({"dispatch_technician_id": self.tech_wu.id})
        self.assertFalse(brakes.assignment_ids)
        # A job worked on does not go back to the jobs to dispatch.
        service.with_user(self.foreman).write({"dispatch_technician_id": self.tech_wu.id})
        service.with_user(self.tech_wu).action_clock_start()
        with self.assertRaisesRegex(UserError, "worked on already"):
            service.with_user(self.foreman).write({"dispatch_technician_id": False})
        self.assertEqual(service.dispatch_technician_id, self.tech_wu)

    def test_dispatch_refused_before_the_customer_approves(self):
        check_in = self._check_in(41000, ["异响"])
        check_in.action_create_work_order()
        job = check_in.repair_id.job_ids
        job.write({"labour_hours": 1.0})
        self.assertEqual(check_in.repair_id.state, "draft")
        with self.assertRaisesRegex(UserError, "not approved by the customer"):
            job.with_user(self.foreman).write({"dispatch_technician_id": self.tech_wu.id})
        wizard = self.env["aftersales.dispatch.wizard"].with_user(self.foreman).create({
            "job_ids": [Command.set(job.ids)], "technician_ids": [Command.set(self.tech_wu.ids)],
        })
        with self.assertRaisesRegex(UserError, "not approved by the customer"):
            wizard.action_dispatch()
        self.assertFalse(job.assignment_ids)

    # ------------------------------------------------------------------
    # The board
    # ------------------------------------------------------------------

    def test_board_columns_are_the_technicians(self):
        order = self._approved_order(hours=(1.0, 2.5))
        service, brakes = order.job_ids.sorted("id")
        draft = self._check_in(42000, ["保养"], vehicle=self._create_vehicle(
            make_vin("LTV2A21K", "M3097101"), license_plate="浙A·D0001"))
        draft.action_create_work_order()
        before = {user: (count, hours) for user, count, hours in self._board(self.foreman)}
        brakes.with_user(self.foreman).write({"dispatch_technician_id": self.tech_ma.id})
        board = self._board(self.foreman)
        columns = [user for user, _count, _hours in board]
        # The jobs to dispatch first, then every technician of the workshop by name, even without a job.
        self.assertFalse(columns[0])
        Users = self.env["res.users"]
        technicians = Users.search(Users._aftersales_technician_domain(), order="name, id")
        self.assertEqual(columns[1:], technicians.ids)
        self.assertIn(self.tech_wu.id, columns)
        for user in (self.foreman, self.inspector, self.manager, self.env.ref("base.user_admin")):
            self.assertNotIn(user.id, columns, user.login)
        after = {user: (count, hours) for user, count, hours in board}
        self.assertEqual(after[self.tech_ma.id], (1, 2.5))
        self.assertEqual(after[self.tech_wu.id], (0, 0.0))
        self.assertEqual(after[False][0], before[False][0] - 1)
        self.assertAlmostEqual(after[False][1], before[False][1] - 2.5, places=2)
        # Only the approved jobs of approved open orders: not the draft order's.
        jobs = self.env["aftersales.job"].with_user(self.foreman).search(
            self._action_domain("aftersales_workshop.aftersales_job_dispatch_action"))
        self.assertIn(service, jobs)
        self.assertNotIn(draft.repair_id.job_ids, jobs)
        # The card shows the car's plate and promise; the promise past, the card says late.
        self.assertEqual(service.license_plate, self.vehicle.license_plate)
        self.assertEqual(service.promised_date, order.promised_date)
        self.assertFalse(service.is_late)
        with freeze_time(order.promised_date + timedelta(minutes=5)):
            self.env.invalidate_all()
            self.assertTrue(service.is_late)
            self.assertIn(service, jobs.search([("id", "in", jobs.ids), ("is_late", "=", True)]))

    def test_plate_search_finds_the_jobs_of_the_car(self):
        order = self._approved_order()
        Job = self.env["aftersales.job"].with_user(self.foreman)
        self.assertEqual(self.vehicle.license_plate, "浙A·V0001")
        for typed in ("浙AV0001", "浙a v0001", "av0001", "V0001"):
            found = Job.search([("license_plate", "ilike", typed)])
            self.assertEqual(found & order.job_ids, order.job_ids, typed)
            self.assertFalse(found.filtered(lambda job: job.vehicle_id != self.vehicle), typed)
        self.assertFalse(Job.search([("license_plate", "ilike", "保养")]), "a plate field, not the job's name")
        # The board's search view offers the plate first.
        arch = Job.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertLess(arch.index('name="license_plate"'), arch.index('name="name"'))

    def test_dispatch_dialog_from_the_board(self):
        """The Dispatch button without a selection takes the board's jobs still to dispatch, as searched."""
        order = self._approved_order()
        service, brakes = order.job_ids.sorted("id")
        brakes.with_user(self.foreman)._dispatch(self.tech_ma)
        board_domain = self._action_domain("aftersales_workshop.aftersales_job_dispatch_action")
        Wizard = self.env["aftersales.dispatch.wizard"].with_user(self.foreman).with_context(
            active_model="aftersales.job", active_ids=[],
            active_domain=[*board_domain, ("license_plate", "ilike", "浙AV0001")],
        )
        wizard = Wizard.create({"technician_ids": [Command.set((self.tech_wu | self.tech_ma).ids)]})
        self.assertEqual(wizard.job_ids, service)
        wizard.action_dispatch()
        self.assertEqual(self._assignments(service), [(self.tech_wu, 50.0, 0.5), (self.tech_ma, 50.0, 0.5)])
        self.assertEqual(self._assignments(brakes), [(self.tech_ma, 100.0, 2.0)], "dispatched already: left alone")

    # ------------------------------------------------------------------
    # The queues of the roles
    # ------------------------------------------------------------------

    def test_qc_queue(self):
        Order = self.env["repair.order"].with_user(self.inspector)
        queue_domain = self._action_domain("aftersales_workshop.repair_order_qc_queue_action")

        def queue():
            return Order.search(queue_domain, order="qc_waiting_since, id") & (first | second)

        first = self._approved_order()
        second = self._approved_order()
        for order, finished in ((second, datetime(2026, 6, 1, 2, 0)), (first, datetime(2026, 6, 1, 3, 0))):
            self._dispatch(order.job_ids, self.tech_wu)
            self.assertNotIn(order, queue(), "jobs still to do")
            with freeze_time(finished):
                order.job_ids.with_user(self.foreman).action_mark_done()
            self.assertEqual(order.qc_waiting_since, finished)
        self.assertEqual(queue().ids, [second.id, first.id], "the longest waiting first")
        # The inspector's button opens a new check, then the one he started.
        action = second.with_user(self.inspector).action_request_quality_check()
        self.assertFalse(action["res_id"])
        check = self.env["aftersales.quality.check"].with_user(self.inspector).with_context(
            **action["context"]).create({"jobs_checked": True})
        self.assertEqual(check.repair_id, second)
        self.assertEqual(second.with_user(self.inspector).action_request_quality_check()["res_id"], check.id)
        self.assertIn(second, queue(), "a check under way: still waiting")
        # Failed: the job goes back to its technician, the car leaves the queue until the job is done again.
        check.write({"rework_job_ids": [Command.set(second.job_ids[:1].ids)], "note": "刹车异响仍在"})
        check.action_fail()
        self.assertFalse(second.qc_waiting_since)
        self.assertEqual(queue(), first)
        second.job_ids[:1].with_user(self.foreman).action_mark_done()
        self.assertIn(second, queue())
        # Passed: done with.
        passed = Order.env["aftersales.quality.check"].create({
            "repair_id": first.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        })
        passed.action_pass()
        self.assertEqual(queue(), second)

    def test_technician_load_counts_technicians_only(self):
        Users = self.env["res.users"].with_user(self.foreman)
        listed = Users.search(self._action_domain("aftersales_workshop.res_users_technician_load_action"))
        self.assertIn(self.tech_wu, listed)
        self.assertIn(self.technician, listed)
        for user in (self.foreman, self.inspector, self.manager, self.env.ref("base.user_admin"),
                     self.env.ref("base.user_root"), self.advisor):
            self.assertNotIn(user, listed, user.login)
        self.assertEqual(listed.filtered("aftersales_is_technician"), listed)
        self.assertFalse(self.foreman.with_user(self.foreman).aftersales_is_technician)
        # A technician promoted to QC inspector leaves the count; his load is counted from his share.
        order = self._approved_order(hours=(1.0, 2.0))
        service, brakes = order.job_ids.sorted("id")
        service.with_user(self.foreman)._dispatch(self.tech_wu)
        brakes.with_user(self.foreman)._dispatch(self.tech_wu | self.tech_ma)
        self.assertEqual(
            [(user.aftersales_booked_hours) for user in (self.tech_wu | self.tech_ma).with_user(self.foreman)],
            [2.0, 1.0],
        )
        self.tech_ma.write({"group_ids": [Command.link(self.env.ref("aftersales_workshop.group_qc_inspector").id)]})
        self.assertNotIn(self.tech_ma, Users.search([("aftersales_is_technician", "=", True)]))
        self.assertIn(self.tech_ma, Users.search([("aftersales_is_technician", "=", False)]))
