import hmac
import json
import logging
import re

from odoo.http import Controller, request, route

_logger = logging.getLogger(__name__)

REPORT_ANSWERS = {
    # What each gateway expects back once its delivery reports are received.
    "aliyun": {"code": 0, "msg": "成功"},
    "tencent": {"result": 0, "errmsg": "OK"},
}


class SmsCnReportController(Controller):

    @route("/aftersales_sms_cn/report/<string:provider>/<string:token>", type="http", auth="public",
           methods=["POST"], csrf=False, save_session=False)
    def sms_cn_report(self, provider, token, **kwargs):
        """Delivery reports pushed by Aliyun SMS / Tencent Cloud SMS, authenticated by the company's token."""
        if provider not in REPORT_ANSWERS or not re.fullmatch(r"[0-9a-f]{32}", token):
            raise request.not_found()
        # sudo: public route; the caller is authenticated by the company's secret token checked below
        company_sudo = request.env["res.company"].sudo().search(
            [("sms_cn_provider", "=", provider), ("sms_cn_report_token", "=", token)], limit=1)
        if not company_sudo or not hmac.compare_digest(company_sudo.sms_cn_report_token, token):
            _logger.warning("SMS delivery report with an unknown token for %s", provider)
            raise request.not_found()
        try:
            reports = json.loads(request.httprequest.get_data() or b"[]")
        except ValueError:
            return request.make_json_response({"error": "invalid JSON"}, status=400)
        if isinstance(reports, dict):
            reports = [reports]
        if not isinstance(reports, list):
            return request.make_json_response({"error": "invalid reports"}, status=400)
        # sudo: the gateway updates the SMS tracking of its company's messages
        request.env["sms.tracker"].sudo()._sms_cn_process_reports(provider, reports, company_sudo)
        return request.make_json_response(REPORT_ANSWERS[provider])
