import json
from datetime import timedelta
from urllib.parse import parse_qsl

import requests
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.aftersales_sms_cn.tools.sms_api import SmsApiAliyun, SmsApiTencent, aliyun_rpc_signature
from odoo.addons.sms.tools.sms_api import SmsApi

from .common import ALIYUN_OK, TENCENT_OK, SmsCnCase, gateway_response

UUID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@tagged("post_install", "-at_install")
class TestSmsCn(SmsCnCase):

    def _queued_sms(self, uuid=UUID, number="+8613800000001", company=None):
        return self.env["sms.sms"].sudo().create({  # sudo: the test sets up or reads beyond the role
            "uuid": uuid, "number": number, "body": "Reminder", "state": "outgoing",
            "sms_cn_template_id": self.template.id,
            "sms_cn_params": [["name", "王小明"], ["plate", "浙A·12345"], ["time", "6/2/26, 10:00 AM"]],
            "sms_cn_company_id": (company or self.company).id,
        })

    def _reminder_notification(self, appointment):
        message = appointment.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(len(message), 1)
        return message.notification_ids

    def test_aliyun_signature_matches_the_documented_example(self):
        # The example of Aliyun's SMS API signature documentation (GET request).
        params = {
            "AccessKeyId": "testId", "Action": "SendSms", "Format": "XML", "OutId": "123",
            "PhoneNumbers": "15300000001", "RegionId": "cn-hangzhou", "SignName": "阿里云短信测试专用",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
            "SignatureVersion": "1.0", "TemplateCode": "SMS_71390007", "TemplateParam": '{"customer":"test"}',
            "Timestamp": "2017-07-12T02:42:19Z", "Version": "2017-05-25",
        }
        self.assertEqual(aliyun_rpc_signature(params, "testSecret", method="GET"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=")

    @freeze_time("2026-06-01 08:30:00")
    def test_aliyun_send_exact_signed_request(self):
        self._set_provider("aliyun")
        sms = self._queued_sms()
        with self.mock_transport(gateway_response(ALIYUN_OK)):
            sms.send()
        self.assertEqual(len(self.requests), 1)
        request = self.requests[0]
        self.assertEqual((request["method"], request["url"], request["timeout"]),
                         ("POST", "https://dysmsapi.aliyuncs.com/", 10))
        self.assertEqual(request["headers"], {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        self.assertEqual(request["data"].decode(), (
            "AccessKeyId=LTAI5tTestKeyId&Action=SendSms&Format=JSON&OutId=0f1e2d3c4b5a69788796a5b4c3d2e1f0"
            "&PhoneNumbers=%2B8613800000001&RegionId=cn-hangzhou"
            "&SignName=%E8%A5%BF%E6%B9%96%E6%B1%BD%E8%BD%A6"
            "&Signature=kK33RizygEYtO4x5z4gP53BJuek%3D"
            "&SignatureMethod=HMAC-SHA1&SignatureNonce=0f1e2d3c4b5a69788796a5b4c3d2e1f0-0&SignatureVersion=1.0"
            "&TemplateCode=SMS_154950909"
            "&TemplateParam=%7B%22name%22%3A%22%E7%8E%8B%E5%B0%8F%E6%98%8E%22%2C%22plate%22%3A%22%E6%B5%99A%C2%B7"
            "12345%22%2C%22time%22%3A%226%2F2%2F26%2C%2010%3A00%20AM%22%7D"
            "&Timestamp=2026-06-01T08%3A30%3A00Z&Version=2017-05-25"
        ))
        # The signature is the documented one over the other parameters.
        params = dict(parse_qsl(request["data"].decode()))
        signature = params.pop("Signature")
        self.assertEqual(aliyun_rpc_signature(params, "TestKeySecret"), signature)
        self.assertEqual(json.loads(params["TemplateParam"]),
                         {"name": "王小明", "plate": "浙A·12345", "time": "6/2/26, 10:00 AM"})
        self.assertRecordValues(sms, [{"state": "pending", "failure_type": False, "to_delete": True}])

    @freeze_time("2026-06-01 08:30:00")
    def test_tencent_send_exact_signed_request(self):
        self._set_provider("tencent")
        sms = self._queued_sms()
        with self.mock_transport(gateway_response(TENCENT_OK)):
            sms.send()
        self.assertEqual(len(self.requests), 1)
        request = self.requests[0]
        self.assertEqual((request["method"], request["url"]), ("POST", "https://sms.tencentcloudapi.com/"))
        self.assertEqual(request["data"].decode(), (
            '{"PhoneNumberSet":["+8613800000001"],"SmsSdkAppId":"1400006666","SignName":"西湖汽车",'
            '"TemplateId":"1234567","TemplateParamSet":["王小明","浙A·12345","6/2/26, 10:00 AM"],'
            '"SessionContext":"0f1e2d3c4b5a69788796a5b4c3d2e1f0"}'
        ))
        self.assertEqual(request["headers"], {
            "Authorization": "TC3-HMAC-SHA256 Credential=AKIDTestSecretId/2026-06-01/sms/tc3_request, "
                             "SignedHeaders=content-type;host;x-tc-action, "
                             "Signature=b28d9e896e761154a1516a5c00594638350396e4138679e54d4be6d9a462e995",
            "Content-Type": "application/json; charset=utf-8",
            "Host": "sms.tencentcloudapi.com",
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": "1780302600",
            "X-TC-Version": "2021-01-11",
            "X-TC-Region": "ap-guangzhou",
        })
        self.assertRecordValues(sms, [{"state": "pending", "failure_type": False, "to_delete": True}])

    def test_appointment_reminder_through_aliyun(self):
        self._set_provider("aliyun")
        appointment = self._appointment()
        with freeze_time(self.start - timedelta(hours=20)), self.mock_transport(gateway_response(ALIYUN_OK)):
            self.env["aftersales.appointment"]._cron_send_day_before_reminders()
        self.assertEqual(len(self.requests), 1)
        params = dict(parse_qsl(self.requests[0]["data"].decode()))
        self.assertEqual((params["TemplateCode"], params["PhoneNumbers"], params["SignName"]),
                         ("SMS_154950909", "+8613800000001", "西湖汽车"))
        self.assertEqual(json.loads(params["TemplateParam"]),
                         {"name": "王小明", "plate": "浙A·12345", "time": "6/2/27, 10:00 AM"})
        notification = self._reminder_notification(appointment)
        self.assertRecordValues(notification, [{
            "notification_type": "sms", "notification_status": "pending", "failure_type": False,
            "sms_number": "+8613800000001",
        }])
        self.assertEqual(notification.sms_tracker_ids.sms_uuid, params["OutId"])
        self.assertEqual(notification.sms_tracker_ids.sms_cn_ref, "900619746936498440^0")
        # The chatter keeps the template's text.
        self.assertIn(appointment.name, notification.mail_message_id.body)

    def test_odoo_service_unchanged(self):
        self._set_provider("odoo")
        sms = self._queued_sms()
        [(sms_api, routed)] = list(sms._split_by_api())
        self.assertIs(type(sms_api), SmsApi)
        self.assertEqual(routed, sms)

    def test_gateway_refusal(self):
        self._set_provider("tencent")
        appointment = self._appointment()
        refused = {"Response": {"SendStatusSet": [{
            "SerialNo": "", "PhoneNumber": "+8613800000001", "Fee": 0, "SessionContext": "",
            "Code": "FailedOperation.TemplateIncorrectOrUnapproved", "Message": "template is not approved",
            "IsoCode": "CN"}], "RequestId": "b1"}}
        with freeze_time(self.start - timedelta(hours=20)), self.mock_transport(gateway_response(refused)):
            self.env["aftersales.appointment"]._cron_send_day_before_reminders()
        self.assertEqual(len(self.requests), 1)
        notification = self._reminder_notification(appointment)
        self.assertRecordValues(notification, [{
            "notification_status": "exception", "failure_type": "sms_cn_refused",
            "failure_reason": "FailedOperation.TemplateIncorrectOrUnapproved: template is not approved",
        }])
        # sudo: the test sets up or reads beyond the role
        sms = self.env["sms.sms"].sudo().search([("uuid", "=", notification.sms_tracker_ids.sms_uuid)])
        self.assertRecordValues(sms, [{"state": "error", "failure_type": "sms_cn_refused", "sms_cn_retry_count": 0}])
        # The advisor sees it: on the chatter and in the failures list.
        self.assertTrue(notification.mail_message_id.with_user(self.advisor).has_sms_error)
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_sms_cn.action_sms_failures")
        failures = self.env["mail.notification"].with_user(self.advisor).search(safe_eval(action["domain"]))
        self.assertIn(notification, failures)

    @mute_logger("odoo.addons.aftersales_sms_cn.tools.sms_api")
    def test_timeout_retried_then_failed(self):
        self._set_provider("aliyun")
        appointment = self._appointment()
        with freeze_time(self.start - timedelta(hours=20)), self.mock_transport(requests.Timeout("read timeout")):
            self.env["aftersales.appointment"]._cron_send_day_before_reminders()
            notification = self._reminder_notification(appointment)
            # sudo: the test sets up or reads beyond the role
            sms = self.env["sms.sms"].sudo().search([("uuid", "=", notification.sms_tracker_ids.sms_uuid)])
            # Not reached: back in the queue, counted.
            self.assertRecordValues(sms, [{"state": "outgoing", "sms_cn_retry_count": 1, "to_delete": False}])
            self.assertEqual(notification.notification_status, "ready")
            for _retry in range(3):
                self.run_scheduled_action("sms.ir_cron_sms_scheduler_action")
        # One first try and three retries, each with its own nonce; then the failure stays.
        self.assertEqual(len(self.requests), 4)
        nonces = [dict(parse_qsl(request["data"].decode()))["SignatureNonce"] for request in self.requests]
        self.assertEqual(nonces, [f"{sms.uuid}-{count}" for count in range(4)])
        self.assertRecordValues(sms, [{"state": "error", "failure_type": "sms_server", "sms_cn_retry_count": 3}])
        self.assertRecordValues(notification, [{
            "notification_status": "exception", "failure_type": "sms_server",
            "failure_reason": "Aliyun SMS could not be reached: Timeout",
        }])
        self.run_scheduled_action("sms.ir_cron_sms_scheduler_action")
        self.assertEqual(len(self.requests), 4, "no retry past the maximum")

    def test_missing_approved_template_refused_before_sending(self):
        self._set_provider("tencent")
        appointment = self._appointment()
        with self.mock_transport(gateway_response(TENCENT_OK)):
            appointment._message_sms(body="Your car is ready.", partner_ids=self.customer.ids)
            self.template.sms_cn_tencent_code = False
            with freeze_time(self.start - timedelta(hours=20)):
                self.env["aftersales.appointment"]._cron_send_day_before_reminders()
        self.assertEqual(self.requests, [], "nothing is sent")
        notifications = appointment.message_ids.filtered(lambda m: m.message_type == "sms").notification_ids
        self.assertEqual(len(notifications), 2)
        self.assertEqual(set(notifications.mapped("failure_type")), {"sms_cn_template"})
        self.assertEqual(set(notifications.mapped("notification_status")), {"exception"})
        self.assertIn("only sends the templates it approved", notifications[0].failure_reason)
        # In the composer, the advisor is told at once.
        composer = self.env["sms.composer"].with_user(self.advisor).with_context(
            active_model="aftersales.appointment", active_id=appointment.id).create({"body": "Free text"})
        with self.assertRaisesRegex(UserError, "only sends the templates it approved"):
            composer.action_send_sms()

    def test_queue_groups_per_company(self):
        tencent_company = self.env["res.company"].create({"name": "西湖4S店 滨江分店"})
        tencent_company.sudo().write({  # sudo: the test sets up or reads beyond the role
            "sms_cn_provider": "tencent", "sms_cn_sign_name": "滨江汽车", "sms_cn_tencent_secret_id": "AKIDB",
            "sms_cn_tencent_secret_key": "KeyB", "sms_cn_tencent_sdk_app_id": "1400007777",
        })
        self._set_provider("aliyun")
        aliyun_sms = self._queued_sms("a" * 32) + self._queued_sms("b" * 32, number="+8613800000002")
        tencent_sms = self._queued_sms("c" * 32, company=tencent_company)
        apis = {type(api): sms for api, sms in (aliyun_sms + tencent_sms)._split_by_api()}
        self.assertEqual(apis, {SmsApiAliyun: aliyun_sms, SmsApiTencent: tencent_sms})
        with self.mock_transport(gateway_response(ALIYUN_OK), gateway_response(ALIYUN_OK),
                                 gateway_response(TENCENT_OK)):
            self.run_scheduled_action("sms.ir_cron_sms_scheduler_action")
        self.assertEqual([request["url"] for request in self.requests], [
            "https://dysmsapi.aliyuncs.com/", "https://dysmsapi.aliyuncs.com/", "https://sms.tencentcloudapi.com/"])
        self.assertIn('"SmsSdkAppId":"1400007777"', self.requests[2]["data"].decode())
        self.assertEqual(set((aliyun_sms + tencent_sms).mapped("state")), {"pending"})
