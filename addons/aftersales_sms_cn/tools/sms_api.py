"""Aliyun SMS and Tencent Cloud SMS over plain HTTPS, signed as each gateway documents (no vendor SDK)."""
import base64
import hashlib
import hmac
import json
import logging
from datetime import UTC
from urllib.parse import quote

import requests

from odoo import fields

from odoo.addons.sms.tools.sms_api import SmsApiBase

_logger = logging.getLogger(__name__)


def aliyun_percent_encode(value):
    """RFC 3986 encoding as Aliyun's RPC signature requires (space as %20, ~ kept)."""
    return quote(str(value), safe="~")


def aliyun_rpc_signature(params, secret, method="POST"):
    """Signature version 1.0 (HMAC-SHA1) over the sorted, percent-encoded parameters."""
    canonical = "&".join(f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&{aliyun_percent_encode('/')}&{aliyun_percent_encode(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def tencent_tc3_authorization(secret_id, secret_key, host, service, action, payload, timestamp, date,
                              content_type="application/json; charset=utf-8"):
    """TC3-HMAC-SHA256 Authorization header of a Tencent Cloud API 3.0 POST request."""
    canonical_headers = f"content-type:{content_type}\nhost:{host}\nx-tc-action:{action.lower()}\n"
    signed_headers = "content-type;host;x-tc-action"
    canonical_request = "\n".join([
        "POST", "/", "", canonical_headers, signed_headers, hashlib.sha256(payload).hexdigest(),
    ])
    credential_scope = f"{date}/{service}/tc3_request"
    string_to_sign = "\n".join([
        "TC3-HMAC-SHA256", str(timestamp), credential_scope,
        hashlib.sha256(canonical_request.encode()).hexdigest(),
    ])

    def _hmac(key, msg):
        return hmac.new(key, msg.encode(), hashlib.sha256).digest()

    secret_signing = _hmac(_hmac(_hmac(f"TC3{secret_key}".encode(), date), service), "tc3_request")
    signature = hmac.new(secret_signing, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return (f"TC3-HMAC-SHA256 Credential={secret_id}/{credential_scope}, "
            f"SignedHeaders={signed_headers}, Signature={signature}")


class SmsApiCnBase(SmsApiBase):
    """One signed HTTPS request per SMS, in the SMS queue's batches, through `_sms_cn_transport`."""
    PROVIDER = None
    TIMEOUT = 10
    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "sms_cn_template": "sms_cn_template",
        "sms_cn_refused": "sms_cn_refused",
        "insufficient_credit": "sms_credit",
        "unregistered": "sms_acc",
    }

    def _gateway_name(self):
        return dict(self.env["res.company"]._fields["sms_cn_provider"]._description_selection(self.env))[
            self.PROVIDER]

    def _get_sms_api_error_messages(self):
        messages = super()._get_sms_api_error_messages()
        messages.update({
            "sms_cn_template": self.env._(
                "%(gateway)s only sends the templates it approved: this message has no approved template "
                "(set the gateway template code on its SMS template).", gateway=self._gateway_name()),
            "unregistered": self.env._("%(gateway)s refused the credentials.", gateway=self._gateway_name()),
            "insufficient_credit": self.env._("The %(gateway)s account has no SMS left.",
                                              gateway=self._gateway_name()),
            "wrong_number_format": self.env._("The number you're trying to reach is not correctly formatted."),
            "sms_number_missing": self.env._("A phone number is required."),
        })
        return messages

    @staticmethod
    def _sms_cn_transport(session, method, url, headers, data, timeout):
        """The only place an HTTP request leaves: tests replace it."""
        return session.request(method, url, headers=headers, data=data, timeout=timeout)

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        uuids = [number["uuid"] for message in messages for number in message.get("numbers") or []]
        # sudo: the queue reads the SMS it sends (template and parameters) and the company's credentials
        sms_by_uuid = self.env["sms.sms"].sudo().search([("uuid", "in", uuids)]).grouped("uuid")
        company_sudo = (self.company or self.env.company).sudo()  # sudo: the queue sends with the company credentials
        errors = self._get_sms_api_error_messages()
        session = requests.Session()
        results = []
        for message in messages:
            for number in message.get("numbers") or []:
                result = self._sms_cn_send_one(session, company_sudo, sms_by_uuid.get(number["uuid"]),
                                               number["number"], number["uuid"])
                if result["state"] != "success" and not result.get("failure_reason"):
                    result["failure_reason"] = errors.get(result["state"]) or result["state"]
                results.append(result)
        return results

    def _sms_cn_send_one(self, session, company_sudo, sms, number, uuid):
        template = sms.sms_cn_template_id if sms else self.env["sms.template"]
        template_code = template._sms_cn_template_code(self.PROVIDER) if template else False
        if not template_code:
            # Refused before any request: the gateway only sends its approved templates.
            return {"uuid": uuid, "state": "sms_cn_template"}
        if not number:
            return {"uuid": uuid, "state": "sms_number_missing"}
        params = (sms.sms_cn_params or []) if sms else []
        method, url, headers, data = self._sms_cn_prepare_request(
            company_sudo, number.replace(" ", ""), template_code, params, uuid,
            nonce=f"{uuid}-{sms.sms_cn_retry_count if sms else 0}")
        try:
            response = self._sms_cn_transport(session, method, url, headers, data, self.TIMEOUT)
        except requests.exceptions.RequestException as error:
            _logger.warning("%s SMS: request failed: %s", self.PROVIDER, error)
            return {"uuid": uuid, "state": "server_error", "failure_reason": self.env._(
                "%(gateway)s could not be reached: %(error)s", gateway=self._gateway_name(),
                error=error.__class__.__name__)}
        if response.status_code >= 500:
            return {"uuid": uuid, "state": "server_error", "failure_reason": self.env._(
                "%(gateway)s answered with an error (HTTP %(status)s).", gateway=self._gateway_name(),
                status=response.status_code)}
        try:
            payload = response.json()
        except ValueError:
            return {"uuid": uuid, "state": "server_error", "failure_reason": self.env._(
                "%(gateway)s gave an unreadable answer.", gateway=self._gateway_name())}
        return dict(self._sms_cn_parse_response(payload), uuid=uuid)

    def _sms_cn_prepare_request(self, company_sudo, number, template_code, params, uuid, nonce):
        raise NotImplementedError()

    def _sms_cn_parse_response(self, payload):
        raise NotImplementedError()


class SmsApiAliyun(SmsApiCnBase):
    """Aliyun Dysmsapi SendSms (RPC style, signature version 1.0 HMAC-SHA1)."""
    PROVIDER = "aliyun"
    ENDPOINT = "https://dysmsapi.aliyuncs.com/"
    CODE_TO_STATE = {
        "isv.MOBILE_NUMBER_ILLEGAL": "wrong_number_format",
        "isv.MOBILE_COUNT_OVER_LIMIT": "wrong_number_format",
        "isv.AMOUNT_NOT_ENOUGH": "insufficient_credit",
        "isv.OUT_OF_SERVICE": "insufficient_credit",
        "InvalidAccessKeyId.NotFound": "unregistered",
        "InvalidAccessKeyId.Inactive": "unregistered",
        "SignatureDoesNotMatch": "unregistered",
        "isv.ACCOUNT_NOT_EXISTS": "unregistered",
        "isp.SYSTEM_ERROR": "server_error",
        "isp.RAM_PERMISSION_DENY": "unregistered",
        "ServiceUnavailable": "server_error",
    }

    def _sms_cn_prepare_request(self, company_sudo, number, template_code, params, uuid, nonce):
        query = {
            "AccessKeyId": company_sudo.sms_cn_aliyun_access_key_id or "",
            "Action": "SendSms",
            "Format": "JSON",
            "OutId": uuid,
            "PhoneNumbers": number,
            "RegionId": "cn-hangzhou",
            "SignName": company_sudo.sms_cn_sign_name or "",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce,
            "SignatureVersion": "1.0",
            "TemplateCode": template_code,
            "Timestamp": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        if params:
            query["TemplateParam"] = json.dumps(dict(params), ensure_ascii=False, separators=(",", ":"))
        query["Signature"] = aliyun_rpc_signature(query, company_sudo.sms_cn_aliyun_access_key_secret or "")
        body = "&".join(f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in sorted(query.items()))
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return "POST", self.ENDPOINT, headers, body.encode()

    def _sms_cn_parse_response(self, payload):
        code = payload.get("Code")
        if code == "OK":
            return {"state": "success", "sms_cn_ref": payload.get("BizId")}
        state = self.CODE_TO_STATE.get(code, "sms_cn_refused")
        return {"state": state, "failure_reason": f"{code}: {payload.get('Message') or ''}"}


class SmsApiTencent(SmsApiCnBase):
    """Tencent Cloud SMS SendSms, API 3.0 (TC3-HMAC-SHA256)."""
    PROVIDER = "tencent"
    HOST = "sms.tencentcloudapi.com"
    SERVICE = "sms"
    VERSION = "2021-01-11"
    CODE_TO_STATE = {
        "InvalidParameterValue.IncorrectPhoneNumber": "wrong_number_format",
        "FailedOperation.PhoneNumberParseFail": "wrong_number_format",
        "FailedOperation.InsufficientBalanceInSmsPackage": "insufficient_credit",
        "InternalError.Timeout": "server_error",
        "InternalError.RequestTimeException": "server_error",
        "InternalError.SendAndRecvFail": "server_error",
        "RequestLimitExceeded": "server_error",
    }

    def _sms_cn_prepare_request(self, company_sudo, number, template_code, params, uuid, nonce):
        payload = json.dumps({
            "PhoneNumberSet": [number],
            "SmsSdkAppId": company_sudo.sms_cn_tencent_sdk_app_id or "",
            "SignName": company_sudo.sms_cn_sign_name or "",
            "TemplateId": template_code,
            "TemplateParamSet": [value for _name, value in params],
            "SessionContext": uuid,
        }, ensure_ascii=False, separators=(",", ":")).encode()
        now = fields.Datetime.now()
        timestamp = int(now.replace(tzinfo=UTC).timestamp())
        content_type = "application/json; charset=utf-8"
        headers = {
            "Authorization": tencent_tc3_authorization(
                company_sudo.sms_cn_tencent_secret_id or "", company_sudo.sms_cn_tencent_secret_key or "",
                self.HOST, self.SERVICE, "SendSms", payload, timestamp, now.strftime("%Y-%m-%d"),
                content_type=content_type),
            "Content-Type": content_type,
            "Host": self.HOST,
            "X-TC-Action": "SendSms",
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Version": self.VERSION,
            "X-TC-Region": company_sudo.sms_cn_tencent_region or "ap-guangzhou",
        }
        return "POST", f"https://{self.HOST}/", headers, payload

    def _sms_cn_parse_response(self, payload):
        response = payload.get("Response") or {}
        error = response.get("Error")
        if error:
            code = error.get("Code") or ""
            state = "unregistered" if code.startswith("AuthFailure") else self.CODE_TO_STATE.get(code, "sms_cn_refused")
            return {"state": state, "failure_reason": f"{code}: {error.get('Message') or ''}"}
        status = (response.get("SendStatusSet") or [{}])[0]
        if status.get("Code") == "Ok":
            return {"state": "success", "sms_cn_ref": status.get("SerialNo")}
        code = status.get("Code") or ""
        return {"state": self.CODE_TO_STATE.get(code, "sms_cn_refused"),
                "failure_reason": f"{code}: {status.get('Message') or ''}"}
