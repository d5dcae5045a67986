from urllib.parse import parse_qs, urlsplit

from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from odoo.addons.aftersales_wechat.tools.wechat_api import wechat_signature

from .common import OAUTH_PATH, OPENID, WechatCase

EVENT = """<xml>
<ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
<FromUserName><![CDATA[{openid}]]></FromUserName>
<CreateTime>1395658920</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
<MsgID>{msgid}</MsgID>
<Status><![CDATA[{status}]]></Status>
</xml>"""


@tagged("post_install", "-at_install")
class TestWechatHttp(WechatCase, HttpCase):
    """WeChat's calls to the dealer's server: the binding link with its OAuth return, the server check and the
    delivery events, through the real routes."""

    def _callback_url(self, signature=None, timestamp="1395658920", nonce="1320562132", **params):
        signature = signature or wechat_signature("xihuToken2026", timestamp, nonce)
        query = "&".join(f"{key}={value}" for key, value in
                         {"signature": signature, "timestamp": timestamp, "nonce": nonce, **params}.items())
        return f"/aftersales_wechat/callback/{self.company.id}?{query}"

    def test_binding_link_end_to_end(self):
        customer = self.env["res.partner"].create({"name": "李军", "phone": "+8613900000005"})
        url = customer._aftersales_wechat_binding_url(self.company)
        path = urlsplit(url).path
        # Opened in WeChat: sent to WeChat's OAuth page, which comes back to the same link with a code.
        response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        redirect = urlsplit(response.headers["Location"])
        self.assertEqual(f"{redirect.scheme}://{redirect.netloc}{redirect.path}",
                         "https://open.weixin.qq.com/connect/oauth2/authorize")
        self.assertEqual(redirect.fragment, "wechat_redirect")
        self.assertEqual(parse_qs(redirect.query), {
            "appid": ["wx1234567890abcdef"], "redirect_uri": [url], "response_type": ["code"],
            "scope": ["snsapi_base"], "state": ["bind"]})
        openid = "oNewCustomer00000000000000001"
        with self.mock_wechat(oauth=[{"access_token": "A", "expires_in": 7200, "openid": openid,
                                      "scope": "snsapi_base"}]):
            response = self.url_open(f"{path}?code=061Abc2a1&state=bind")
        self.assertEqual(response.status_code, 200)
        self.assertIn("WeChat bound", response.text)
        self.assertEqual(self.requests, [{
            "method": "GET", "url": f"https://api.weixin.qq.com{OAUTH_PATH}", "json": None, "timeout": 5,
            "params": {"appid": "wx1234567890abcdef", "secret": "TestAppSecret", "code": "061Abc2a1",
                       "grant_type": "authorization_code"}}])
        self.assertEqual(customer.wechat_openid, openid)
        self.assertEqual(customer.wechat_company_id, self.company)
        self.assertTrue(customer.wechat_bound_date)
        # The same WeChat on another customer's link: refused, clearly.
        other = self.env["res.partner"].create({"name": "刘婷", "phone": "+8613900000006"})
        with self.mock_wechat(oauth=[{"openid": openid}]):
            response = self.url_open(f"{urlsplit(other._aftersales_wechat_binding_url(self.company)).path}"
                                     "?code=061Abc2a2&state=bind")
        self.assertEqual(response.status_code, 400)
        self.assertIn("already bound to another customer", response.text)
        self.assertFalse(other.wechat_openid)

    def test_invalid_or_expired_link(self):
        with freeze_time("2020-01-01 00:00:00"):
            expired = urlsplit(self.customer._aftersales_wechat_binding_url(self.company)).path
        for path in (expired, "/aftersales_wechat/bind/forged-token"):
            with self.mock_wechat():
                response = self.url_open(f"{path}?code=abc", allow_redirects=False)
            self.assertEqual(response.status_code, 404)
            self.assertIn("not valid or has expired", response.text)
            self.assertEqual(self.requests, [], "nothing asked to WeChat")

    def test_server_check_signed_with_the_token(self):
        response = self.url_open(self._callback_url(echostr="5837397520665436492"))
        self.assertEqual((response.status_code, response.text), (200, "5837397520665436492"))
        response = self.url_open(self._callback_url(signature="0" * 40, echostr="5837397520665436492"))
        self.assertEqual(response.status_code, 403)

    def test_delivery_event_applied_once(self):
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        with self.mock_wechat():
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        message = self._messages(appointment)
        self.assertEqual(message.state, "sent")
        body = EVENT.format(openid=OPENID, msgid=message.msgid, status="success")
        # A forged event changes nothing.
        response = self.url_open(self._callback_url(signature="f" * 40), data=body.encode())
        self.assertEqual(response.status_code, 403)
        self.assertEqual(message.state, "sent")
        for _duplicate in range(2):
            response = self.url_open(self._callback_url(), data=body.encode())
            self.assertEqual((response.status_code, response.text), (200, "success"))
            message.invalidate_recordset()
            self.assertRecordValues(message, [{"state": "delivered", "delivery_status": "success"}])
        self.assertFalse(self._sms(appointment))

    def test_undelivered_event_sends_the_sms_once(self):
        appointment = self._appointment()
        appointment.with_user(self.advisor).action_confirm()
        with self.mock_wechat():
            self.run_scheduled_action("aftersales_wechat.ir_cron_send_wechat_messages")
        message = self._messages(appointment)
        body = EVENT.format(openid=OPENID, msgid=message.msgid, status="failed:user block")
        for _duplicate in range(2):
            response = self.url_open(self._callback_url(), data=body.encode())
            self.assertEqual((response.status_code, response.text), (200, "success"))
        message.invalidate_recordset()
        self.assertRecordValues(message, [{"state": "fallback", "delivery_status": "failed:user block"}])
        self.assertEqual(len(self._sms(appointment)), 1)
