from datetime import date, timedelta

import requests
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OPENID, SEND_PATH, TOKEN_PATH, WechatCase, token_answer


@tagged("post_install", "-at_install")
class TestWechat(WechatCase):

    def test_advisor_confirms_booking_wechat_message_sent_exactly(self):
        appointment = self._appointment()
        with freeze_time("2027-05-30 02:00:00"), self.mock_wechat():
            appointment.with_user(self.advisor).action_confirm()
            message = self._messages(appointment)
            # Queued by the step: nothing leaves before the scheduled action, no SMS instead.
            self.assertEqual(self.requests, [])
            self.assertFalse(self._sms(appointment))
            self.assertRecordValues(message, [{
                "state": "queued", "partner_id": self.customer.id, "openid": OPENID,
                "milestone": "appointment_confirmed", "template_id": self.template_confirmed.id,
                "record_name": appointment.display_name, "attempt_count": 0,
            }])
            expected_payload = {
                "touser": OPENID,
                "template_id": "TPL-CONFIRMED",
                "url": f"https://dms.example.com/appointment/{appointment.id}",
                "data": {
                    "first": {"value": "王小明，您的预约已确认。"},
                    "keyword1": {"value": "浙A·V0001"},
                    "keyword2": {"value": "张敏"},
                    "remark": {"value": "请携带行驶证和保养手册。"},
                },
            }
            self.assertEqual(message.payload, expected_payload)
            self.assertIn(appointment.name, message.fallback_sms_body)
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.requests, [
            {"method": "GET", "url": "https://api.weixin.qq.com/cgi-bin/token", "json": None, "timeout": 5,
             "params": {"grant_type": "client_credential", "appid": "wx1234567890abcdef",
                        "secret": "TestAppSecret"}},
            {"method": "POST", "url": "https://api.weixin.qq.com/cgi-bin/message/template/send", "timeout": 5,
             "params": {"access_token": "TOKEN-1"}, "json": expected_payload},
        ])
        self.assertRecordValues(message, [{"state": "sent", "msgid": "200228332", "attempt_count": 1,
                                           "error": False}])
        company = self.company.sudo()  # sudo: the test reads the token cache
        self.assertEqual(company.wechat_access_token, "TOKEN-1")
        self.assertEqual(company.wechat_token_expiry, message.sent_date + timedelta(seconds=7200))
        # The advisor sees it; he cannot change it.
        self.assertEqual(self._messages(appointment).with_user(self.advisor).state, "sent")
        with self.assertRaisesRegex(UserError, "only its business step"):
            message.with_user(self.manager).write({"state": "delivered"})

    def test_other_customers_get_the_sms(self):
        unbound = self.env["res.partner"].create({"name": "陈志刚", "phone": "+8613900000002",
                                                  "aftersales_contact_channel": "wechat"})
        by_sms = self.env["res.partner"].create({"name": "杨秀英", "phone": "+8613900000003",
                                                 "aftersales_contact_channel": "sms"})
        appointments = self._appointment(unbound) | self._appointment(by_sms, slot=1)
        with self.mock_wechat():
            appointments.with_user(self.advisor).action_confirm()
        self.assertFalse(self._messages(appointments))
        self.assertEqual(len(self._sms(appointments)), 2)
        # WeChat switched off: the bound customer gets the SMS too.
        self.company.wechat_enabled = False
        appointment = self._appointment(slot=2)
        appointment.with_user(self.advisor).action_confirm()
        self.assertFalse(self._messages(appointment))
        self.assertEqual(self._sms(appointment).number, "+8613800000001")

    def test_token_refreshed_when_wechat_refuses_it(self):
        self.company.sudo().write({  # sudo: the test seeds the token cache
            "wechat_access_token": "TOKEN-OLD", "wechat_token_expiry": "2099-01-01 00:00:00"})
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        invalid = {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"}
        with self.mock_wechat(send=[invalid, {"errcode": 0, "errmsg": "ok", "msgid": 777}],
                              token=[token_answer("TOKEN-NEW")]):
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.paths(), [("POST", SEND_PATH), ("GET", TOKEN_PATH), ("POST", SEND_PATH)])
        self.assertEqual([request["params"] for request in self.requests],
                         [{"access_token": "TOKEN-OLD"}, self.requests[1]["params"], {"access_token": "TOKEN-NEW"}])
        self.assertRecordValues(self._messages(appointment), [{"state": "sent", "msgid": "777"}])
        self.assertEqual(self.company.sudo().wechat_access_token, "TOKEN-NEW")  # sudo: the test reads the cache

    def test_token_refreshed_before_expiry(self):
        self.company.sudo().write({  # sudo: the test seeds the token cache
            "wechat_access_token": "TOKEN-OLD", "wechat_token_expiry": "2027-05-30 02:03:00"})
        appointment = self._appointment()
        with freeze_time("2027-05-30 02:00:00"), self.mock_wechat(token=[token_answer("TOKEN-NEW")]):
            appointment.with_user(self.advisor).action_confirm()
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.paths(), [("GET", TOKEN_PATH), ("POST", SEND_PATH)])
        self.assertEqual(self.requests[1]["params"], {"access_token": "TOKEN-NEW"})

    def test_refusal_falls_back_to_sms(self):
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        message = self._messages(appointment)
        refused = {"errcode": 43004, "errmsg": "require subscribe"}
        with self.mock_wechat(send=[refused]):
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.paths(), [("GET", TOKEN_PATH), ("POST", SEND_PATH)], "a refusal is not retried")
        self.assertRecordValues(message, [{"state": "fallback", "attempt_count": 1,
                                           "error": "43004: require subscribe"}])
        sms = self._sms(appointment)
        # The step's own SMS: its template, or the text stored with the message.
        self.assertRecordValues(sms, [{"number": "+8613800000001", "state": "outgoing"}])
        self.assertIn(appointment.name, sms.body)

    def test_refusal_without_phone_fails(self):
        self.customer.phone = False
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        with self.mock_wechat(send=[{"errcode": 40003, "errmsg": "invalid openid"}]):
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        message = self._messages(appointment)
        self.assertRecordValues(message, [{"state": "failed", "error": "No phone number for the SMS instead."}])
        self.assertFalse(self._sms(appointment))
        failed = self.env["aftersales.wechat.message"].with_user(self.advisor).search([("state", "=", "failed")])
        self.assertEqual(failed, message)

    @mute_logger("odoo.addons.aftersales_wechat.tools.wechat_api")
    def test_timeout_retried_then_sms(self):
        appointment = self._appointment()
        with freeze_time("2027-05-30 02:00:00") as frozen, \
                self.mock_wechat(send=[requests.Timeout("read timeout")]):
            appointment.with_user(self.advisor).action_confirm()
            message = self._messages(appointment)
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
            self.assertRecordValues(message, [{
                "state": "queued", "attempt_count": 1, "error": "WeChat could not be reached: Timeout"}])
            self.assertEqual(str(message.next_try_date), "2027-05-30 02:05:00")
            # Not due yet: nothing sent.
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
            self.assertEqual(len(self.requests), 2)
            for minutes in (5, 10, 15):
                frozen.tick(timedelta(minutes=minutes))
                self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        # One token, the first try and three retries; then the SMS.
        self.assertEqual(self.paths(), [("GET", TOKEN_PATH)] + [("POST", SEND_PATH)] * 4)
        self.assertRecordValues(message, [{"state": "fallback", "attempt_count": 4}])
        self.assertEqual(len(self._sms(appointment)), 1)

    @mute_logger("odoo.addons.aftersales_wechat.tools.wechat_api")
    def test_unreachable_wechat_does_not_hold_the_run(self):
        reminders = self._reminders(6)
        reminders.with_user(self.agent).action_send_sms()
        with self.mock_wechat(send=[requests.ConnectionError("refused")]):
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        # Three requests in a row did not reach WeChat: the others wait for the next run, uncounted.
        self.assertEqual(self.paths(), [("GET", TOKEN_PATH)] + [("POST", SEND_PATH)] * 3)
        self.assertEqual(self._messages(reminders).mapped("attempt_count"), [1, 1, 1, 0, 0, 0])
        self.assertEqual(set(self._messages(reminders).mapped("state")), {"queued"})

    def _reminders(self, count):
        return self.env["aftersales.reminder"].create([{
            "vehicle_id": self.vehicle.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "kind": "maintenance", "due_date": date(2027, 7, 1) + timedelta(days=index),
        } for index in range(count)])

    def test_agent_reminders_sent_in_batches_with_one_token(self):
        reminders = self._reminders(25)
        with self.mock_wechat():
            reminders.with_user(self.agent).action_send_sms()
            self.assertEqual(self.requests, [], "the agent's step only queues")
            with self.small_batches(10):
                self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.paths(), [("GET", TOKEN_PATH)] + [("POST", SEND_PATH)] * 25)
        messages = self._messages(reminders)
        self.assertEqual(len(messages), 25)
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(len(set(messages.mapped("msgid"))), 25)
        self.assertFalse(self._sms(reminders))
        first = messages.filtered(lambda message: message.res_id == reminders[0].id)
        self.assertEqual(first.payload["data"], {"first": {"value": "王小明，保养到期提醒"},
                                                 "keyword1": {"value": "2027-07-01"}})
        # Sent once: another run sends nothing again.
        with self.mock_wechat():
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        self.assertEqual(self.requests, [])

    def test_reminder_channel_chooses_wechat(self):
        self.customer.aftersales_contact_channel = "sms"
        by_wechat, by_sms = self._reminders(2)
        by_wechat.channel = "wechat"
        (by_wechat | by_sms).with_user(self.agent).action_send_sms()
        self.assertEqual(len(self._messages(by_wechat)), 1)
        self.assertFalse(self._messages(by_sms))
        self.assertEqual(len(self._sms(by_sms)), 1)
        self.assertFalse(self._sms(by_wechat))

    def test_delivery_report_applied_once(self):
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        with self.mock_wechat():
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        message = self._messages(appointment)
        Message = self.env["aftersales.wechat.message"]
        self.assertTrue(Message._aftersales_process_delivery_report(self.company, message.msgid, "success"))
        delivered_at = message.delivery_date
        self.assertFalse(Message._aftersales_process_delivery_report(self.company, message.msgid, "success"))
        self.assertFalse(Message._aftersales_process_delivery_report(
            self.company, message.msgid, "failed:user block"))
        self.assertRecordValues(message, [{"state": "delivered", "delivery_status": "success",
                                           "delivery_date": delivered_at}])
        self.assertFalse(self._sms(appointment))

    def test_bind_and_unbind_are_steps(self):
        other = self.env["res.partner"].create({"name": "黄海涛", "phone": "+8613900000004"})
        with self.assertRaisesRegex(UserError, "already bound to another customer"):
            other._aftersales_wechat_bind(OPENID, self.company)
        with self.assertRaisesRegex(UserError, "only its business step"):
            other.with_user(self.advisor).write({"wechat_openid": "oForged"})
        self.customer.with_user(self.advisor).action_wechat_unbind()
        self.assertRecordValues(self.customer, [{"wechat_openid": False, "wechat_company_id": False,
                                                 "wechat_bound_date": False}])
        with self.assertRaisesRegex(UserError, "has not bound WeChat"):
            self.customer.with_user(self.advisor).action_wechat_unbind()
        other._aftersales_wechat_bind(OPENID, self.company)
        self.assertEqual(other.wechat_openid, OPENID)

    def test_binding_link_signed_and_expiring(self):
        Partner = self.env["res.partner"]
        with freeze_time("2027-01-01 00:00:00"):
            url = self.customer._aftersales_wechat_binding_url(self.company)
        token = url.rsplit("/", 1)[1]
        self.assertTrue(url.startswith(f"{self.company.get_base_url()}/aftersales_wechat/bind/"))
        with freeze_time("2027-01-30 00:00:00"):
            self.assertEqual(Partner._aftersales_wechat_check_binding_token(token), (self.customer, self.company))
        with freeze_time("2027-02-01 00:00:00"):
            self.assertIsNone(Partner._aftersales_wechat_check_binding_token(token), "expired after 30 days")
            self.assertIsNone(Partner._aftersales_wechat_check_binding_token(token[:-2] + "xx"))
            self.assertIsNone(Partner._aftersales_wechat_check_binding_token("not-a-token"))

    def test_template_keywords_checked(self):
        with self.assertRaisesRegex(ValidationError, "not a WeChat template keyword"):
            self.template_confirmed.with_user(self.manager).write(
                {"line_ids": [(0, 0, {"keyword": "关键词1", "value": "x"})]})
        with self.assertRaises(ValidationError):
            self.company.wechat_max_retries = -1

    def test_binding_qr_code_on_check_in_sheet(self):
        report = self.env["ir.actions.report"]
        check_in = self._check_in(41000, ["保养"])
        html = report._render_qweb_html("aftersales_reception.report_check_in", check_in.ids)[0].decode()
        self.assertNotIn("barcode_type=QR", html, "a bound customer gets no binding code")
        self.customer.with_user(self.advisor).action_wechat_unbind()
        html = report._render_qweb_html("aftersales_reception.report_check_in", check_in.ids)[0].decode()
        self.assertIn("/report/barcode/?barcode_type=QR&amp;value=", html)
        self.assertIn("%2Faftersales_wechat%2Fbind%2F", html)
        self.assertIn("Follow us on WeChat", html)
