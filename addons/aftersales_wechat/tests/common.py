import itertools
import json
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest.mock import patch

from requests import Response

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.aftersales_reception.tests.common_cron import ScheduledRunMixin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase
from odoo.addons.aftersales_wechat.tools import WechatApi
from odoo.addons.aftersales_wechat.tools.wechat_api import API_HOST

OPENID = "oXyZ1t2u3v4w5x6y7z8A9B0C1D2E"
TOKEN_PATH = "/cgi-bin/token"
SEND_PATH = "/cgi-bin/message/template/send"
OAUTH_PATH = "/sns/oauth2/access_token"


def wechat_response(payload, status=200):
    response = Response()
    response.status_code = status
    response._content = json.dumps(payload).encode()
    return response


def token_answer(token="TOKEN-1", expires_in=7200):
    return {"access_token": token, "expires_in": expires_in}


class WechatCase(ScheduledRunMixin, VisitCase):
    """A dealer whose service account sends the visit's messages; only WeChat's HTTP transport is replaced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.sudo().write({  # sudo: the test sets up the system administrator's settings
            "wechat_enabled": True,
            "wechat_app_id": "wx1234567890abcdef",
            "wechat_app_secret": "TestAppSecret",
            "wechat_callback_token": "xihuToken2026",
            "wechat_access_token": False,
            "wechat_token_expiry": False,
            "wechat_max_retries": 3,
        })
        cls.customer.write({"aftersales_contact_channel": "wechat", "tz": "Asia/Shanghai", "lang": "en_US",
                            "phone": "+8613800000001"})
        cls.customer._aftersales_wechat_bind(OPENID, cls.company)
        cls.agent = new_test_user(cls.env, login="wechat_agent", name="刘婷",
                                  groups="aftersales_followup.group_followup_agent")
        # The demo dealership's templates make way for the test's own.
        cls.env["aftersales.wechat.template"].search([]).action_archive()
        cls.env.flush_all()  # archived in the database before the unique index sees the new ones
        cls.template_confirmed = cls._template(
            "aftersales.appointment", "appointment_confirmed", "TPL-CONFIRMED",
            [("first", "{{ object.partner_id.name }}，您的预约已确认。"),
             ("keyword1", "{{ object.vehicle_id.license_plate }}"),
             ("keyword2", "{{ object.advisor_id.name }}"),
             ("remark", "请携带行驶证和保养手册。")],
            url="https://dms.example.com/appointment/{{ object.id }}")
        cls.template_reminder = cls._template(
            "aftersales.reminder", "reminder", "TPL-REMINDER",
            [("first", "{{ object.partner_id.name }}，保养到期提醒"), ("keyword1", "{{ object.due_date }}")])
        cls.start = datetime(2027, 6, 2, 2, 0)  # 10:00 in Hangzhou

    @classmethod
    def _template(cls, model, milestone, code, lines, url=False):
        return cls.env["aftersales.wechat.template"].create({
            "name": code, "model": model, "milestone": milestone, "wechat_template_code": code,
            "url_expression": url, "company_id": cls.company.id,
            "line_ids": [Command.create({"sequence": index, "keyword": keyword, "value": value})
                         for index, (keyword, value) in enumerate(lines)],
        })

    def _appointment(self, partner=None, slot=0):
        """An appointment booked by the advisor, in his ``slot``-th reception slot of the morning."""
        return self.env["aftersales.appointment"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id, "partner_id": (partner or self.customer).id,
            "advisor_id": self.advisor.id, "start_date": self.start + timedelta(minutes=15 * slot),
            "company_id": self.company.id,
        })

    def _messages(self, records=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)] if records else []
        return self.env["aftersales.wechat.message"].search(domain, order="id")

    def _sms(self, records):
        """The SMS queued for the records, by their chatter messages."""
        messages = self.env["mail.message"].search([
            ("model", "=", records._name), ("res_id", "in", records.ids), ("message_type", "=", "sms")])
        # sudo: the test reads the SMS queue
        return self.env["sms.sms"].sudo().search([("mail_message_id", "in", messages.ids)])

    @contextmanager
    def mock_wechat(self, send=(), token=(), oauth=()):
        """Replace WeChat's HTTP transport. Each path answers from its list (the last answer repeats); an answer
        is a payload, a Response or an exception raised. Sent messages get increasing msgids by default."""
        self.requests = []
        msgids = itertools.count(200228332)
        answers = {
            TOKEN_PATH: list(token) or [token_answer()],
            SEND_PATH: list(send) or [lambda: {"errcode": 0, "errmsg": "ok", "msgid": next(msgids)}],
            OAUTH_PATH: list(oauth) or [{"access_token": "OAUTH", "expires_in": 7200, "refresh_token": "R",
                                         "openid": OPENID, "scope": "snsapi_base"}],
        }

        def transport(session, method, url, params, data, timeout):
            self.requests.append({"method": method, "url": url, "params": params,
                                  "json": json.loads(data) if data else None, "timeout": timeout})
            queue = answers[url.removeprefix(API_HOST)]
            answer = queue.pop(0) if len(queue) > 1 else queue[0]
            if isinstance(answer, Exception):
                raise answer
            if callable(answer):
                answer = answer()
            return answer if isinstance(answer, Response) else wechat_response(answer)

        with patch.object(WechatApi, "_transport", side_effect=transport):
            yield

    def paths(self):
        return [(request["method"], request["url"].removeprefix(API_HOST)) for request in self.requests]
