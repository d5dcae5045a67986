from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestAppointment(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A branch of its own, so that no other technician counts in its capacity:
        # two technicians of 8 hours a day (the standard 40-hour calendar).
        cls.branch = cls.env["res.company"].create({"name": "西湖4S店 滨江分店"})
        cls.branch.resource_calendar_id.tz = "Asia/Shanghai"
        cls.branch_advisor = new_test_user(
            cls.env, login="branch_advisor", groups="aftersales_reception.group_service_advisor",
            company_id=cls.branch.id, company_ids=[cls.branch.id],
        )
        cls.branch_manager = new_test_user(
            cls.env, login="branch_manager", groups="aftersales_reception.group_service_manager",
            company_id=cls.branch.id, company_ids=[cls.branch.id],
        )
        for login in ("branch_tech1", "branch_tech2"):
            new_test_user(cls.env, login=login, groups="aftersales_reception.group_workshop_technician",
                          company_id=cls.branch.id, company_ids=[cls.branch.id])
        cls.branch_customer = cls.env["res.partner"].create({"name": "陈先生", "company_id": cls.branch.id})
        cls.branch_vehicle = cls.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": cls.branch_customer.id, "model_id": cls.car_model.id,
            "company_id": cls.branch.id, "license_plate": "浙A·B0001",
        })
        # 08:00 in Shanghai is 00:00 UTC: the first reception slot of the day.
        cls.monday_8am = cls._next_monday(hour_utc=0)

    def _book(self, start, user=None, **values):
        Appointment = self.env["aftersales.appointment"].with_user(user or self.branch_advisor)
        return Appointment.with_company(self.branch).create({
            "vehicle_id": self.branch_vehicle.id,
            "advisor_id": (user or self.branch_advisor).id,
            "start_date": start,
            "company_id": self.branch.id,
            **values,
        })

    def test_reception_slots_keep_a_buffer(self):
        Appointment = self.env["aftersales.appointment"]
        slots = Appointment._reception_slots(self.branch_advisor, self.branch, self.monday_8am.date())
        first = [(start.strftime("%H:%M"), is_buffer) for start, is_buffer in slots[:5]]
        self.assertEqual(first, [("00:00", False), ("00:15", False), ("00:30", False), ("00:45", True),
                                 ("01:00", False)])
        self.branch.aftersales_slot_minutes = 20
        slots = Appointment._reception_slots(self.branch_advisor, self.branch, self.monday_8am.date())
        self.assertEqual(slots[1][0] - slots[0][0], timedelta(minutes=20))

    def test_slots_follow_the_hours_of_the_advisor_booked(self):
        # A colleague who works mornings: the advisor booking for him reads his hours with the advisor's own rights.
        mornings = self.env["resource.calendar"].create({
            "name": "上午班", "tz": "Asia/Shanghai", "company_id": self.branch.id,
            "attendance_ids": [
                Command.create({"name": "上午", "dayofweek": str(day), "hour_from": 8, "hour_to": 12})
                for day in range(5)
            ],
        })
        colleague = new_test_user(
            self.env, login="branch_advisor_am", groups="aftersales_reception.group_service_advisor",
            company_id=self.branch.id, company_ids=[self.branch.id],
        )
        colleague.resource_calendar_id = mornings
        Appointment = self.env["aftersales.appointment"].with_user(self.branch_advisor).with_company(self.branch)
        slots = Appointment._reception_slots(colleague, self.branch, self.monday_8am.date())
        # Four hours of 15-minute slots, 08:00 to 11:45 in Shanghai (00:00 to 03:45 UTC).
        self.assertEqual((len(slots), slots[-1][0].strftime("%H:%M")), (16, "03:45"))
        self.assertEqual(len(Appointment._reception_slots(self.branch_advisor, self.branch, self.monday_8am.date())),
                         32, "the advisor's own day: eight hours")

    def test_a_branch_numbers_from_its_own_sequence(self):
        """The shared sequence numbers every company until a branch has a sequence of its own; the record's
        company picks it, whatever company the user works in."""
        shared = self._book(self.monday_8am)
        self.assertRegex(shared.name, r"^AP\d{4}\d+$")
        self.env["ir.sequence"].create({
            "name": "滨江分店预约", "code": "aftersales.appointment", "prefix": "BJ-", "padding": 4,
            "company_id": self.branch.id,
        })
        own = self.env["aftersales.appointment"].create({
            "vehicle_id": self.branch_vehicle.id, "advisor_id": self.branch_advisor.id,
            "start_date": self.monday_8am + timedelta(hours=1), "company_id": self.branch.id,
        })
        self.assertEqual(self.env.company, self.env.ref("base.main_company"))
        self.assertEqual(own.name, "BJ-0001")

    def test_booking_a_buffer_or_taken_slot_refused(self):
        self._book(self.monday_8am)
        # The database keeps a slot to one booking (two sessions may book at once); a request shows
        # the user the constraint's message.
        with self.assertRaises(psycopg2.errors.UniqueViolation) as taken, mute_logger("odoo.sql_db"):
            self._book(self.monday_8am)
        self.assertEqual(self.env["aftersales.appointment"]._sql_error_to_message(taken.exception),
                         "The service advisor already receives a customer at this time: pick another free slot.")
        with self.assertRaisesRegex(ValidationError, "buffer"):
            self._book(self.monday_8am + timedelta(minutes=45))
        with self.assertRaisesRegex(ValidationError, "not a reception slot"):
            self._book(self.monday_8am + timedelta(minutes=7))
        with self.assertRaisesRegex(ValidationError, "not a reception slot"):
            self._book(self.monday_8am - timedelta(hours=3))  # 05:00 in Shanghai, before opening
        self.assertEqual(self.env["aftersales.appointment"].search_count([("company_id", "=", self.branch.id)]), 1)
        # A walk-in is received whenever the customer turns up.
        walk_in = self._book(self.monday_8am + timedelta(minutes=7), source="walk_in")
        self.assertEqual(walk_in.state, "booked")

    def test_full_day_needs_the_managers_override(self):
        capacity = self.env["aftersales.appointment"]._workshop_capacity_hours(self.branch, self.monday_8am.date())
        self.assertEqual(capacity, 16.0, "two technicians of eight hours")
        self._book(self.monday_8am, duration=10.0)
        self._book(self.monday_8am + timedelta(minutes=15), duration=5.0)
        with self.assertRaisesRegex(ValidationError, "The workshop is full"):
            self._book(self.monday_8am + timedelta(minutes=30), duration=2.0)
        with self.assertRaises(AccessError):
            self._book(self.monday_8am + timedelta(minutes=30), duration=2.0, capacity_override=True)
        overbooked = self._book(self.monday_8am + timedelta(minutes=30), user=self.branch_manager, duration=2.0,
                                capacity_override=True)
        self.assertTrue(overbooked.capacity_override)
        # The customer who turns up on a full day is still taken in.
        walk_in = self._book(self.monday_8am + timedelta(minutes=45), duration=2.0, source="walk_in")
        self.assertFalse(walk_in.capacity_override)

    def test_free_slots_shown_when_booking(self):
        booked = self._book(self.monday_8am)
        with freeze_time(self.monday_8am - timedelta(days=1)):
            draft = self.env["aftersales.appointment"].with_user(self.branch_advisor).with_company(self.branch).new({
                "advisor_id": self.branch_advisor.id, "company_id": self.branch.id, "duration": 1.0,
            })
            days = draft._free_slots(self.monday_8am.date(), 1)
            html = draft.free_slots_html
        _day, free, remaining = days[0]
        self.assertNotIn(booked.start_date, free)
        self.assertNotIn(self.monday_8am + timedelta(minutes=45), free, "buffers are not offered")
        self.assertIn(self.monday_8am + timedelta(minutes=15), free)
        self.assertEqual(remaining, 15.0)
        self.assertIn("08:15", html)
        self.assertNotIn("08:45", html)

    def test_confirm_remind_no_show_and_rebook(self):
        appointment = self._book(self.monday_8am)
        appointment.action_confirm()
        self.assertEqual(appointment.state, "confirmed")
        with freeze_time(self.monday_8am - timedelta(hours=12)):
            sent = self.env["aftersales.appointment"]._cron_send_day_before_reminders()
            self.assertGreaterEqual(sent, 1)
            self.assertTrue(appointment.reminder_sent_date)
            self.assertFalse(self.env["aftersales.appointment"].search([("id", "=", appointment.id),
                                                                         ("reminder_sent_date", "=", False)]))
            with self.assertRaisesRegex(UserError, "not late yet"):
                appointment.action_mark_no_show()
        with freeze_time(self.monday_8am + timedelta(hours=2)):
            appointment.action_mark_no_show()
        self.assertEqual(appointment.state, "no_show")
        action = appointment.action_rebook()
        self.assertEqual(action["context"]["default_rebooked_from_id"], appointment.id)
        rebooked = appointment._rebook(self.monday_8am + timedelta(days=1))
        self.assertEqual(rebooked.rebooked_from_id, appointment)
        self.assertEqual(rebooked.state, "booked")

    def test_check_in_from_appointment(self):
        appointment = self._book(self.monday_8am, requested_services="4万公里保养\n刹车有异响；顺便洗车")
        action = appointment.action_check_in()
        check_in = self.env["aftersales.check.in"].browse(action["res_id"])
        # The customer's requests become the check-in's concerns.
        concerns = check_in.concern_ids.sorted("sequence").mapped("name")
        self.assertEqual(concerns, ["4万公里保养", "刹车有异响", "顺便洗车"])
        self.assertEqual(appointment.state, "checked_in")
        self.assertEqual(check_in.vehicle_id, self.branch_vehicle)
        self.assertEqual(check_in.partner_id, self.branch_customer)
        self.assertTrue(check_in.line_ids, "the walk-around checklist is laid out")
        with self.assertRaises(UserError):
            appointment.action_check_in()

    def test_reminder_not_sent_twice(self):
        appointment = self._book(self.monday_8am)
        with freeze_time(self.monday_8am - timedelta(hours=12)):
            Appointment = self.env["aftersales.appointment"]
            Appointment._cron_send_day_before_reminders()
            messages = len(appointment.message_ids)
            Appointment._cron_send_day_before_reminders()
            self.assertEqual(len(appointment.message_ids), messages)
