from datetime import timedelta

import psycopg2
from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import convert_file, mute_logger

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

    def test_free_slots_cover_the_afternoon(self):
        """The booking form offers every free slot of the day, morning and afternoon, as buttons."""
        booked = self._book(self.monday_8am + timedelta(hours=6, minutes=15))  # 14:15 in Shanghai
        with freeze_time(self.monday_8am - timedelta(days=1)):
            draft = self.env["aftersales.appointment"].with_user(self.branch_advisor).with_company(self.branch).new({
                "advisor_id": self.branch_advisor.id, "company_id": self.branch.id, "duration": 1.0,
                "start_date": self.monday_8am + timedelta(hours=7),
            })
            [day] = draft._free_slots_by_period(self.monday_8am.date(), 1)
            html = str(draft.free_slots_html)
        times = {period: [slot["time"] for slot in day[period]] for period in ("morning", "afternoon")}
        # Eight working hours of 15-minute slots, every fourth kept free as a buffer.
        self.assertEqual(times["morning"], ["08:00", "08:15", "08:30", "09:00", "09:15", "09:30", "10:00", "10:15",
                                            "10:30", "11:00", "11:15", "11:30"])
        self.assertEqual(times["afternoon"], ["13:00", "13:15", "13:30", "14:00", "14:30", "15:00", "15:15",
                                              "15:30", "16:00", "16:15", "16:30"], "14:15 is booked")
        self.assertEqual(day["afternoon"][0]["value"], fields.Datetime.to_string(self.monday_8am + timedelta(hours=5)))
        self.assertEqual([slot["time"] for period in ("morning", "afternoon") for slot in day[period]
                          if slot["selected"]], ["15:00"], "the arrival chosen")
        self.assertEqual(day["remaining"], 15.0)
        self.assertNotIn(booked.start_date, [fields.Datetime.from_string(slot["value"]) for slot in day["afternoon"]])
        # The table: each slot a button carrying its arrival; the headers are the view's translatable terms.
        self.assertIn(f'data-slot="{fields.Datetime.to_string(self.monday_8am + timedelta(hours=8, minutes=30))}"',
                      html)
        self.assertIn(">16:30</button>", html)
        self.assertIn("<th>Afternoon</th>", html)

    def test_free_slot_headers_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("aftersales_reception.appointment_free_slots").update_field_translations(
            "arch_db", {"zh_CN": {"Morning": "上午", "Afternoon": "下午"}},
        )
        with freeze_time(self.monday_8am - timedelta(days=1)):
            draft = self.env["aftersales.appointment"].with_user(self.branch_advisor).with_company(self.branch)
            html = str(draft.with_context(lang="zh_CN").new({"advisor_id": self.branch_advisor.id,
                                                             "company_id": self.branch.id}).free_slots_html)
        self.assertIn("<th>上午</th>", html)
        self.assertIn("<th>下午</th>", html)
        self.assertIn("周一", html, "each day with its weekday, in the user's language")

    def test_weeks_start_on_monday_for_chinese_users(self):
        chinese = self.env.ref("base.lang_zh_CN")
        self.assertEqual(chinese.week_start, "1")
        # What the web client's calendars and date pickers read.
        self.env["res.lang"]._activate_lang("zh_CN")
        _translations, lang_params = self.env["ir.http"]._get_translations_for_webclient(["web"], "zh_CN")
        self.assertEqual(lang_params["week_start"], 1)
        # Base's update sets its own value again; this addon's update, which follows, puts Monday back.
        chinese.week_start = "7"
        convert_file(self.env, "aftersales_reception", "data/res_lang_data.xml", {}, mode="update")
        self.assertEqual(chinese.week_start, "1")

    def test_calendar_click_books_in_the_quick_form(self):
        """A click on a free slot of the calendar opens the small booking form with that arrival."""
        view = self.env["aftersales.appointment"].get_views([(False, "calendar")])["views"]["calendar"]
        quick_form = self.env.ref("aftersales_reception.aftersales_appointment_view_form_quick_create")
        self.assertIn('js_class="aftersales_appointment_calendar"', view["arch"])
        self.assertIn(f'quick_create_view_id="{quick_form.id}"', view["arch"])
        arrival = self.monday_8am + timedelta(hours=5, minutes=15)  # 13:15 in Shanghai
        # What the calendar puts in the context: the clicked slot, and its end on the calendar's grid.
        Appointment = self.env["aftersales.appointment"].with_user(self.branch_advisor).with_company(self.branch)
        with Form(Appointment.with_context(default_start_date=fields.Datetime.to_string(arrival),
                                           default_end_date=fields.Datetime.to_string(arrival + timedelta(hours=1))),
                  view=quick_form) as form:
            form.vehicle_id = self.branch_vehicle
            form.requested_services = "4万公里保养"
        appointment = form.record
        self.assertEqual((appointment.start_date, appointment.end_date), (arrival, arrival + timedelta(minutes=15)))
        self.assertEqual((appointment.advisor_id, appointment.partner_id, appointment.state),
                         (self.branch_advisor, self.branch_customer, "booked"))

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
