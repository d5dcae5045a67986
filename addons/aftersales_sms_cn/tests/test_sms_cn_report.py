import json
from datetime import timedelta
from urllib.parse import parse_qsl

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ALIYUN_OK, TENCENT_OK, SmsCnCase, gateway_response


@tagged("post_install", "-at_install")
class TestSmsCnReport(SmsCnCase, HttpCase):

    def _send_reminder(self, answer):
        appointment = self._appointment()
        with freeze_time(self.start - timedelta(hours=20)), self.mock_transport(answer):
            self.env["aftersales.appointment"]._cron_send_day_before_reminders()
        return appointment.message_ids.filtered(lambda m: m.message_type == "sms").notification_ids

    def _post_report(self, provider, reports, token="0123456789abcdef0123456789abcdef"):
        return self.url_open(f"/aftersales_sms_cn/report/{provider}/{token}", data=json.dumps(reports),
                             headers={"Content-Type": "application/json"})

    def test_aliyun_delivery_report_applied_once(self):
        self._set_provider("aliyun")
        notification = self._send_reminder(gateway_response(ALIYUN_OK))
        uuid = dict(parse_qsl(self.requests[0]["data"].decode()))["OutId"]
        self.assertEqual(notification.notification_status, "pending")
        report = [{"phone_number": "13800000001", "send_time": "2026-06-01 14:00:01",
                   "report_time": "2026-06-01 14:00:05", "success": True, "err_code": "DELIVERED",
                   "err_msg": "用户接收成功", "sms_size": "1", "biz_id": "900619746936498440^0", "out_id": uuid}]
        response = self._post_report("aliyun", report)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"code": 0, "msg": "成功"})
        self.assertRecordValues(notification, [{"notification_status": "sent", "failure_type": False}])
        self.assertEqual(notification.sms_tracker_ids.sms_cn_report, "ok:DELIVERED")
        write_date = notification.sms_tracker_ids.write_date
        # The gateway pushes the same report again: nothing changes.
        response = self._post_report("aliyun", report)
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(notification.notification_status, "sent")
        self.assertEqual(notification.sms_tracker_ids.write_date, write_date, "the repeated report is ignored")

    def test_tencent_failed_delivery_report_applied_once(self):
        self._set_provider("tencent")
        notification = self._send_reminder(gateway_response(TENCENT_OK))
        report = [{"user_receive_time": "2026-06-01 14:00:05", "nationcode": "86", "mobile": "13800000001",
                   "report_status": "FAIL", "errmsg": "MK:0004", "description": "用户关机",
                   "sid": "5000:1045710669157053657849499619"}]
        response = self._post_report("tencent", report)
        self.assertEqual(response.json(), {"result": 0, "errmsg": "OK"})
        self.assertRecordValues(notification, [{
            "notification_status": "exception", "failure_type": "sms_not_delivered",
            "failure_reason": "MK:0004 用户关机",
        }])
        messages_before = self.env["mail.message"].search_count([])
        write_date = notification.sms_tracker_ids.write_date
        self._post_report("tencent", report)
        self.env.invalidate_all()
        self.assertEqual(notification.notification_status, "exception")
        self.assertEqual(notification.sms_tracker_ids.write_date, write_date, "the repeated report is ignored")
        self.assertEqual(self.env["mail.message"].search_count([]), messages_before)

    @mute_logger("odoo.addons.aftersales_sms_cn.controllers.main", "odoo.http")
    def test_report_with_wrong_token_refused(self):
        self._set_provider("aliyun")
        notification = self._send_reminder(gateway_response(ALIYUN_OK))
        uuid = dict(parse_qsl(self.requests[0]["data"].decode()))["OutId"]
        report = [{"success": True, "err_code": "DELIVERED", "out_id": uuid}]
        response = self._post_report("aliyun", report, token="f" * 32)
        self.assertEqual(response.status_code, 404)
        response = self._post_report("tencent", report)
        self.assertEqual(response.status_code, 404, "the token is the company's for its own gateway")
        self.assertEqual(notification.notification_status, "pending")
