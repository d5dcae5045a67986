import json
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

from requests import Response

from odoo.tests import new_test_user

from odoo.addons.aftersales_reception.tests.common import AftersalesCase
from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin
from odoo.addons.aftersales_sms_cn.tools.sms_api import SmsApiCnBase


def gateway_response(payload, status=200):
    response = Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    return response


ALIYUN_OK = {"Message": "OK", "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990", "BizId": "900619746936498440^0",
             "Code": "OK"}
TENCENT_OK = {"Response": {"SendStatusSet": [{
    "SerialNo": "5000:1045710669157053657849499619", "PhoneNumber": "+8613800000001", "Fee": 1,
    "SessionContext": "", "Code": "Ok", "Message": "send success", "IsoCode": "CN"}],
    "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279"}}


class SmsCnCase(ScheduledRunMixin, AftersalesCase):
    """A dealer whose company sends through a Chinese gateway; the HTTP transport is the only thing replaced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.sudo().write({  # sudo: the test sets up or reads beyond the role
            "sms_cn_sign_name": "西湖汽车",
            "sms_cn_aliyun_access_key_id": "LTAI5tTestKeyId",
            "sms_cn_aliyun_access_key_secret": "TestKeySecret",
            "sms_cn_tencent_secret_id": "AKIDTestSecretId",
            "sms_cn_tencent_secret_key": "TestSecretKey",
            "sms_cn_tencent_sdk_app_id": "1400006666",
            "sms_cn_tencent_region": "ap-guangzhou",
            "sms_cn_report_token": "0123456789abcdef0123456789abcdef",
            "sms_cn_max_retries": 3,
        })
        cls.customer.write({"phone": "+8613800000001", "country_id": cls.env.ref("base.cn").id,
                            "tz": "Asia/Shanghai", "lang": "en_US"})
        cls.advisor = new_test_user(cls.env, login="sms_advisor", name="张敏",
                                    groups="aftersales_reception.group_service_advisor")
        # A technician, so that the workshop has hours to book (a database without demo data has none).
        new_test_user(cls.env, login="sms_technician", name="王师傅",
                      groups="aftersales_reception.group_workshop_technician")
        cls.vehicle = cls._create_vehicle(license_plate="浙A·12345")
        cls.template = cls.env.ref("aftersales_reception.sms_template_appointment_reminder")
        cls.template.write({
            "sms_cn_aliyun_code": "SMS_154950909",
            "sms_cn_tencent_code": "1234567",
            "sms_cn_param_ids": [(5, 0, 0),
                                 (0, 0, {"sequence": 1, "name": "name", "expression": "partner_id.name"}),
                                 (0, 0, {"sequence": 2, "name": "plate", "expression": "vehicle_id.license_plate"}),
                                 (0, 0, {"sequence": 3, "name": "time", "expression": "start_date"})],
        })
        # 2027-06-02 10:00 in Shanghai, the dealer's working hours.
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"
        cls.start = datetime(2027, 6, 2, 2, 0)

    def _set_provider(self, provider, company=None):
        (company or self.company).sudo().sms_cn_provider = provider  # sudo: the test sets up or reads beyond the role

    def _appointment(self):
        return self.env["aftersales.appointment"].create({
            "vehicle_id": self.vehicle.id, "partner_id": self.customer.id, "advisor_id": self.advisor.id,
            "start_date": self.start, "company_id": self.company.id,
        })

    @contextmanager
    def mock_transport(self, *answers):
        """Replace the HTTP transport: each request gets the next answer (a Response, or an exception raised)."""
        self.requests = []
        answers = list(answers)

        def transport(session, method, url, headers, data, timeout):
            self.requests.append({"method": method, "url": url, "headers": headers, "data": data,
                                  "timeout": timeout})
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
            if isinstance(answer, Exception):
                raise answer
            return answer

        with patch.object(SmsApiCnBase, "_sms_cn_transport", side_effect=transport):
            yield
