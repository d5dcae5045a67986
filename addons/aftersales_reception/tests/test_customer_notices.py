from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestCustomerNotices(VisitCase):
    """The car-ready and delay notices, and the customer messages of the visit's steps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 09:00 in Shanghai: the car is taken in in the morning, pickup is the same day.
        cls.monday = cls._next_monday(hour_utc=1)
        cls.company.write({
            "aftersales_ready_notice_small_hours": 1.0,
            "aftersales_ready_notice_large_hours": 4.0,
            "aftersales_large_job_days": 2.0,
            "aftersales_delay_notice_same_day_minutes": 30,
            "aftersales_delay_notice_other_days": 1.0,
        })

    def setUp(self):
        super().setUp()
        self.frozen = freeze_time(self.monday, tick=True)
        self.frozen.start()
        self.addCleanup(self.frozen.stop)

    def _sms_of(self, record):
        return record.message_ids.filtered(lambda message: message.message_type == "sms")

    def _emails_of(self, record):
        comment = self.env.ref("mail.mt_comment")
        return record.message_ids.filtered(
            lambda message: message.message_type != "sms" and message.subtype_id == comment
        )

    def _finished_order(self, promised_after):
        order = self._approved_order()
        order.promised_date = order.schedule_date + promised_after
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self.assertEqual(order.state, "done")
        return order

    def _car_ready_sms(self, order):
        return self._sms_of(order).filtered(lambda message: "is ready" in str(message.body))

    def test_cron_car_ready_small_job_once(self):
        order = self._finished_order(timedelta(hours=4))
        self.assertFalse(order.is_large_job)
        Order = self.env["repair.order"]
        Order._cron_customer_notices(now=order.promised_date - timedelta(minutes=61))
        self.assertFalse(order.car_ready_notice_date, "a small job is announced 1 hour ahead, not earlier")
        self.assertFalse(self._car_ready_sms(order))
        Order._cron_customer_notices(now=order.promised_date - timedelta(minutes=59))
        self.assertTrue(order.car_ready_notice_date)
        sms = self._car_ready_sms(order)
        self.assertEqual(len(sms), 1)
        self.assertIn("浙A·V0001", str(sms.body))
        self.assertEqual(sms.notification_ids.res_partner_id, self.customer)
        Order._cron_customer_notices(now=order.promised_date)
        self.assertEqual(len(self._car_ready_sms(order)), 1, "sent once")
        with self.assertRaisesRegex(UserError, "already told"):
            order.with_user(self.advisor).action_send_car_ready_notice()

    def test_cron_car_ready_large_job_four_hours_ahead(self):
        order = self._finished_order(timedelta(days=3))
        self.assertTrue(order.is_large_job, "promised three days after the work order: a large job")
        Order = self.env["repair.order"]
        Order._cron_customer_notices(now=order.promised_date - timedelta(hours=4, minutes=1))
        self.assertFalse(self._car_ready_sms(order), "a large job is announced 4 hours ahead, not earlier")
        Order._cron_customer_notices(now=order.promised_date - timedelta(hours=3, minutes=59))
        self.assertEqual(len(self._car_ready_sms(order)), 1)

    def test_cron_delay_activity_once(self):
        order = self._approved_order()  # promised 4 hours after the check-in: same-day pickup
        order.action_repair_start()
        delay_type = self.env.ref("aftersales_reception.mail_activity_type_delay")
        Order = self.env["repair.order"]
        Order._cron_customer_notices(now=order.promised_date - timedelta(minutes=31))
        self.assertFalse(order.delay_alert_date, "same-day pickup: the advisor is asked 30 minutes ahead")
        Order._cron_customer_notices(now=order.promised_date - timedelta(minutes=29))
        self.assertTrue(order.delay_alert_date)
        activities = order.activity_ids.filtered(lambda activity: activity.activity_type_id == delay_type)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.advisor)
        Order._cron_customer_notices(now=order.promised_date)
        self.assertEqual(len(order.activity_ids.filtered(lambda a: a.activity_type_id == delay_type)), 1,
                         "given once")
        # Another day's pickup: the advisor is asked a day ahead.
        later = self._approved_order(mileage=42000)
        later.promised_date = later.schedule_date + timedelta(days=2)
        Order._cron_customer_notices(now=later.promised_date - timedelta(hours=25))
        self.assertFalse(later.delay_alert_date, "a later day's pickup: the advisor is asked a day ahead")
        Order._cron_customer_notices(now=later.promised_date - timedelta(hours=23))
        self.assertTrue(later.delay_alert_date)

    def test_delay_wizard_refuses_bad_input_and_notifies_once(self):
        order = self._approved_order()
        order.action_repair_start()
        Order = self.env["repair.order"]
        Order._cron_customer_notices(now=order.promised_date - timedelta(minutes=20))
        promised = order.promised_date
        advisor_order = order.with_user(self.advisor)
        with self.assertRaisesRegex(UserError, "reason for the delay"):
            advisor_order._notify_delay(promised + timedelta(hours=2), "  ")
        with self.assertRaisesRegex(UserError, "must be in the future"):
            advisor_order._notify_delay(order.schedule_date - timedelta(hours=1), "等待配件")
        with self.assertRaisesRegex(UserError, "later than the one promised"):
            advisor_order._notify_delay(promised - timedelta(minutes=10), "等待配件")
        self.assertEqual((order.promised_date, order.delay_notice_date, order.delay_reason), (promised, False, False),
                         "a refused notice changes nothing")
        self.assertFalse(self._sms_of(order).filtered(lambda message: "sorry" in str(message.body)))

        action = advisor_order.action_open_delay_notice_wizard()
        wizard_form = Form(self.env[action["res_model"]].with_user(self.advisor).with_context(**action["context"]))
        self.assertEqual(wizard_form.promised_date, promised)
        wizard_form.promised_date = promised + timedelta(hours=3)
        wizard_form.reason = "水泵需从厂家调货，明早到货"
        wizard_form.save().action_notify()

        self.assertEqual(order.promised_date, promised + timedelta(hours=3))
        self.assertEqual(order.delay_reason, "水泵需从厂家调货，明早到货")
        self.assertTrue(order.delay_notice_date)
        sms = self._sms_of(order).filtered(lambda message: "sorry" in str(message.body))
        self.assertEqual(len(sms), 1)
        self.assertIn("水泵需从厂家调货，明早到货", str(sms.body))
        note = order.message_ids.filtered(lambda message: "promised time moves" in str(message.body))
        self.assertEqual(len(note), 1, "the change of the promised time is in the chatter")
        self.assertIn("水泵需从厂家调货", str(note.body))
        delay_type = self.env.ref("aftersales_reception.mail_activity_type_delay")
        self.assertFalse(order.activity_ids.filtered(lambda a: a.activity_type_id == delay_type),
                         "the advisor's delay to-do is done")
        with self.assertRaisesRegex(UserError, "already told of a delay"):
            advisor_order._notify_delay(promised + timedelta(hours=5), "再次延误")

    def test_car_ready_by_email_or_sms_as_preferred(self):
        self.customer.write({"email": "wang.xiaoming@example.com", "aftersales_contact_channel": "email"})
        order = self._finished_order(timedelta(hours=4))
        order.with_user(self.advisor).action_send_car_ready_notice()
        emails = self._emails_of(order).filtered(lambda message: "is ready" in str(message.subject))
        self.assertEqual(len(emails), 1)
        self.assertIn(self.customer, emails.partner_ids)
        self.assertFalse(self._car_ready_sms(order), "a customer who prefers e-mail gets no text message")

        sms_customer = self.env["res.partner"].create({"name": "李娜", "phone": "13900000002",
                                                       "email": "li.na@example.com",
                                                       "aftersales_contact_channel": "sms"})
        vehicle = self._create_vehicle(customer_id=sms_customer.id, license_plate="浙A·N0002")
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 1000, "date": "2025-05-01",
                                                "source": "check_in"})
        check_in = self._check_in(1500, ["保养"], vehicle=vehicle)
        check_in.action_create_work_order()
        other = check_in.repair_id
        other.job_ids.labour_hours = 1.0
        self._confirm_five(other)
        other._record_approval("phone", "李娜")
        other.action_repair_start()
        other.job_ids.action_mark_done()
        self._end_repair(other)
        other.with_user(self.advisor).action_send_car_ready_notice()
        self.assertEqual(len(self._car_ready_sms(other)), 1)
        self.assertFalse(self._emails_of(other).filtered(lambda message: "is ready" in str(message.subject)))

    def test_car_ready_refused_before_the_work_is_done(self):
        order = self._approved_order()
        with self.assertRaisesRegex(UserError, "not finished"):
            order.with_user(self.advisor).action_send_car_ready_notice()
        self.assertFalse(order.car_ready_notice_date)
        with self.assertRaisesRegex(UserError, "only its business step"):
            order.write({"car_ready_notice_date": self.monday})

    def test_visit_steps_text_the_customer(self):
        appointment = self.env["aftersales.appointment"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id, "advisor_id": self.advisor.id,
            "start_date": self.monday + timedelta(days=1), "duration": 1.0,
        })
        appointment.action_confirm()
        self.assertEqual(len(self._sms_of(appointment).filtered(lambda m: "confirmed" in str(m.body))), 1)

        order = self._approved_order()
        checked_in = self._sms_of(order).filtered(lambda message: "taken in" in str(message.body))
        self.assertEqual(len(checked_in), 1)
        self.assertIn(order.name, str(checked_in.body))

        extra = self.env["aftersales.job"].create({
            "repair_id": order.id, "name": "更换刹车盘", "is_additional": True, "labour_hours": 1.0,
            "added_hours": 1.0, "payer": "customer",
        })
        order.with_user(self.advisor).action_send_approval_request()
        waiting = self._sms_of(order).filtered(lambda message: "waits for your approval" in str(message.body))
        self.assertEqual(len(waiting), 1)
        with self.assertRaisesRegex(UserError, "already sent"):
            order.with_user(self.advisor).action_send_approval_request()
        extra._record_decision(False, "phone", workshop_informed_user=self.technician, decline_reason="下次再做")

        order.action_repair_start()
        order.job_ids.filtered(lambda job: job.state == "approved").action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()
        settled = self._sms_of(order).filtered(lambda message: "is settled" in str(message.body))
        self.assertEqual(len(settled), 1)
        self.assertIn("900.00", str(settled.body), "the customer's share: 3 hours at 300")
