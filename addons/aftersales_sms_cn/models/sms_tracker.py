import logging

from odoo import fields, models

_logger = logging.getLogger(__name__)


class SmsTracker(models.Model):
    _inherit = "sms.tracker"

    sms_cn_ref = fields.Char(string="Gateway Reference", readonly=True, index="btree_not_null",
                             help="Aliyun BizId or Tencent Cloud SerialNo of the sent SMS.")
    sms_cn_report = fields.Char(string="Last Delivery Report", readonly=True)

    def _sms_cn_process_reports(self, provider, reports, company):
        """Apply the gateway's delivery reports (状态报告) to the company's SMS; a report received twice
        changes nothing."""
        company_domain = [("mail_notification_id.mail_message_id.record_company_id", "in", [company.id, False])]
        for report in reports:
            if not isinstance(report, dict):
                continue
            if provider == "aliyun":
                tracker = self.search([("sms_uuid", "=", str(report["out_id"])), *company_domain], limit=1) \
                    if report.get("out_id") else self.browse()
                if not tracker and report.get("biz_id"):
                    tracker = self.search([("sms_cn_ref", "=", str(report["biz_id"])), *company_domain], limit=1)
                success = report.get("success") in (True, "true", "True")
                code, reason = report.get("err_code") or "", report.get("err_msg") or ""
            else:
                tracker = self.search([("sms_cn_ref", "=", str(report["sid"])), *company_domain], limit=1) \
                    if report.get("sid") else self.browse()
                success = report.get("report_status") == "SUCCESS"
                code, reason = report.get("errmsg") or "", report.get("description") or ""
            if not tracker:
                _logger.info("SMS delivery report for an unknown SMS: %s", report)
                continue
            report_key = f"{'ok' if success else 'ko'}:{code}"
            if tracker.sms_cn_report == report_key:
                continue
            tracker.sms_cn_report = report_key
            if success:
                tracker._action_update_from_sms_state("sent")
            else:
                tracker.with_context(sms_known_failure_reason=f"{code} {reason}".strip()) \
                    ._action_update_from_provider_error("not_delivered")
            self.env["sms.sms"].search([("uuid", "=", tracker.sms_uuid), ("to_delete", "=", False)]) \
                .to_delete = True
        return True
