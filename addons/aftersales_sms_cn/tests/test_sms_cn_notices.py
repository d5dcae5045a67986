import json
from urllib.parse import parse_qsl

from odoo.tests import tagged

from .common import ALIYUN_OK, SmsCnCase, gateway_response


@tagged("post_install", "-at_install")
class TestSmsCnNotices(SmsCnCase):
    """The customer messages of the visit's steps go out as the gateway's approved templates."""

    def test_appointment_confirmation_through_aliyun(self):
        self._set_provider("aliyun")
        confirmed = self.env.ref("aftersales_reception.sms_template_appointment_confirmed")
        confirmed.write({
            "sms_cn_aliyun_code": "SMS_154950910",
            "sms_cn_param_ids": [(5, 0, 0),
                                 (0, 0, {"sequence": 1, "name": "name", "expression": "partner_id.name"}),
                                 (0, 0, {"sequence": 2, "name": "plate", "expression": "vehicle_id.license_plate"}),
                                 (0, 0, {"sequence": 3, "name": "time", "expression": "start_date"})],
        })
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        message = appointment.message_ids.filtered(lambda m: m.message_type == "sms")
        self.assertEqual(len(message), 1)
        # sudo: the test sets up or reads beyond the role
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertRecordValues(sms, [{"state": "outgoing", "sms_cn_template_id": confirmed.id}])
        self.assertEqual(sms.sms_cn_params, [["name", "王小明"], ["plate", "浙A·12345"], ["time", "6/2/27, 10:00 AM"]])
        with self.mock_transport(gateway_response(ALIYUN_OK)):
            self.run_scheduled_action("sms.ir_cron_sms_scheduler_action")
        self.assertEqual(len(self.requests), 1)
        params = dict(parse_qsl(self.requests[0]["data"].decode()))
        self.assertEqual((params["TemplateCode"], params["PhoneNumbers"]), ("SMS_154950910", "+8613800000001"))
        self.assertEqual(json.loads(params["TemplateParam"]),
                         {"name": "王小明", "plate": "浙A·12345", "time": "6/2/27, 10:00 AM"})

    def test_notice_templates_have_their_params_in_order(self):
        """The demo gateway codes of the notices, each with its parameters in the order the gateway fills them."""
        if not self.env.ref("aftersales_sms_cn.sms_template_cn_param_delay_notice_reason", raise_if_not_found=False):
            self.skipTest("without the demo data, the dealer enters the gateway's codes")
        expected = {
            "appointment_confirmed": ["name", "plate", "time"],
            "checked_in": ["name", "plate", "order", "advisor"],
            "approval_waiting": ["name", "plate", "order", "advisor"],
            "car_ready": ["name", "plate", "order", "advisor"],
            "delay_notice": ["name", "plate", "time", "reason"],
            "settled": ["name", "plate", "order", "amount"],
        }
        for key, names in expected.items():
            template = self.env.ref(f"aftersales_reception.sms_template_{key}")
            self.assertTrue(template.sms_cn_aliyun_code and template.sms_cn_tencent_code, key)
            self.assertEqual(template.sms_cn_param_ids.sorted("sequence").mapped("name"), names, key)
