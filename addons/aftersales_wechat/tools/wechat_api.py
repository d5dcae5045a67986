"""WeChat Official Account (service account) HTTP API: plain HTTPS with requests, no vendor SDK."""
import hashlib
import hmac
import json
import logging

import requests

_logger = logging.getLogger(__name__)

API_HOST = "https://api.weixin.qq.com"
OAUTH_AUTHORIZE_URL = "https://open.weixin.qq.com/connect/oauth2/authorize"
# errcode of an access token WeChat no longer accepts: fetch a new one and send again.
INVALID_TOKEN_CODES = (40001, 40014, 42001)
# errcode of a busy WeChat: try again later.
RETRY_CODES = (-1, 45009, 45011)


def wechat_signature(token, timestamp, nonce):
    """The signature WeChat puts on the calls to the server address: sha1 of the sorted token, timestamp, nonce."""
    return hashlib.sha1("".join(sorted([token or "", timestamp or "", nonce or ""])).encode()).hexdigest()


def wechat_signature_valid(token, timestamp, nonce, signature):
    return bool(token and signature) and hmac.compare_digest(wechat_signature(token, timestamp, nonce),
                                                             signature or "")


class WechatError(Exception):
    """WeChat could not be reached, or answered something unreadable: the message may be tried again."""


class WechatApi:
    """One company's service account. Every request leaves through ``_transport``, which tests replace."""

    TIMEOUT = 5

    def __init__(self, app_id, app_secret, session=None):
        self.app_id = app_id or ""
        self.app_secret = app_secret or ""
        self.session = session or requests.Session()

    @staticmethod
    def _transport(session, method, url, params, data, timeout):
        """The only place an HTTP request leaves: tests replace it."""
        return session.request(method, url, params=params, data=data, timeout=timeout,
                               headers={"Content-Type": "application/json; charset=utf-8"} if data else None)

    def _request(self, method, path, params, body=None):
        data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode() if body is not None else None
        try:
            response = self._transport(self.session, method, f"{API_HOST}{path}", params, data, self.TIMEOUT)
        except requests.exceptions.RequestException as error:
            _logger.warning("WeChat request %s failed: %s", path, error)
            raise WechatError(error.__class__.__name__) from error
        if response.status_code >= 400:
            raise WechatError(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError:
            raise WechatError("unreadable answer") from None
        if not isinstance(answer, dict):
            raise WechatError("unreadable answer")
        return answer

    def fetch_access_token(self):
        """cgi-bin/token: (token, seconds valid) or the answer's errcode and errmsg in a WechatError."""
        answer = self._request("GET", "/cgi-bin/token", {
            "grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret})
        if not answer.get("access_token"):
            raise WechatError(f"{answer.get('errcode')}: {answer.get('errmsg') or ''}")
        return answer["access_token"], int(answer.get("expires_in") or 7200)

    def send_template_message(self, access_token, payload):
        """message/template/send: WeChat's answer ({"errcode": 0, "errmsg": "ok", "msgid": ...})."""
        return self._request("POST", "/cgi-bin/message/template/send", {"access_token": access_token}, payload)

    def oauth_openid(self, code):
        """sns/oauth2/access_token: the openid of the customer who opened the binding link in WeChat."""
        answer = self._request("GET", "/sns/oauth2/access_token", {
            "appid": self.app_id, "secret": self.app_secret, "code": code, "grant_type": "authorization_code"})
        if not answer.get("openid"):
            raise WechatError(f"{answer.get('errcode')}: {answer.get('errmsg') or ''}")
        return answer["openid"]
