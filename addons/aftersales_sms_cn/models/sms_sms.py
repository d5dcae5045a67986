from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

SMS_CN_PROVIDERS = ("aliyun", "tencent")
SMS_CN_FAILURE_TYPES = [
    ("sms_cn_template", "No Approved Gateway Template"),
    ("sms_cn_refused", "Refused by the Gateway"),
]


class SmsSms(models.Model):
    _inherit = "sms.sms"

    failure_type = fields.Selection(selection_add=SMS_CN_FAILURE_TYPES)
    sms_cn_template_id = fields.Many2one("sms.template", string="Gateway Template", readonly=True,
                                         ondelete="set null")
    sms_cn_params = fields.Json(string="Gateway Parameters", readonly=True)
    sms_cn_company_id = fields.Many2one("res.company", string="Sending Company", readonly=True,
                                        ondelete="set null")
    sms_cn_retry_count = fields.Integer(string="Retries", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        template_id = self.env.context.get("sms_cn_template_id")
        rendered = {}
        for vals in vals_list:
            if template_id and not vals.get("sms_cn_template_id"):
                vals["sms_cn_template_id"] = template_id
            if vals.get("sms_cn_template_id") and "sms_cn_params" not in vals and vals.get("mail_message_id"):
                key = (vals["sms_cn_template_id"], vals["mail_message_id"])
                if key not in rendered:
                    rendered[key] = self._sms_cn_render_message_params(*key)
                vals["sms_cn_params"] = rendered[key]
            vals.setdefault("sms_cn_company_id", self.env.company.id)
        return super().create(vals_list)

    @api.model
    def _sms_cn_render_message_params(self, template_id, message_id):
        # sudo: the SMS is created by the notification in sudo; the parameters are read from the posted record
        message = self.env["mail.message"].sudo().browse(message_id)
        if not message.model or not message.res_id:
            return []
        # sudo: the parameters are read from the record by the queue, not by the user who wrote the message
        record = self.env[message.model].sudo().browse(message.res_id)
        # sudo: SMS templates are readable by their managers only
        return self.env["sms.template"].sudo().browse(template_id)._sms_cn_render_params(record)

    # SEND
    # ------------------------------------------------------------

    def _get_sms_company(self):
        return self.mail_message_id.record_company_id or self.sms_cn_company_id or super()._get_sms_company()

    def _split_by_api(self):
        """One API per company using a Chinese gateway (its own credentials); the rest goes to Odoo's."""
        sms_by_company = defaultdict(lambda: self.env["sms.sms"])
        for sms in self:
            sms_by_company[sms._get_sms_company()] += sms
        todo_via_super = self.browse()
        for company, company_sms in sms_by_company.items():
            if company.sms_cn_provider in SMS_CN_PROVIDERS:
                sms_api = company._get_sms_api_class()(self.env)
                sms_api._set_company(company)
                yield sms_api, company_sms
            else:
                todo_via_super += company_sms
        if todo_via_super:
            yield from super(SmsSms, todo_via_super)._split_by_api()

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        # The queue cron sends SMS of every company at once: route them per company as `send` does.
        if self.env.context.get("sms_api"):
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent,
                                 raise_exception=raise_exception)
        for sms_api, sms in self._split_by_api():
            super(SmsSms, sms.with_context(sms_api=sms_api))._send(
                unlink_failed=unlink_failed, unlink_sent=unlink_sent, raise_exception=raise_exception)
        return None

    def _handle_call_result_hook(self, results):
        """Keep the gateway's reference for delivery reports; queue again what could not reach the gateway."""
        cn_sms = self.filtered(lambda sms: sms._get_sms_company().sms_cn_provider in SMS_CN_PROVIDERS)
        by_uuid = cn_sms.grouped("uuid")
        to_retry = self.browse()
        for result in results:
            sms = by_uuid.get(result.get("uuid"))
            if not sms:
                continue
            if result.get("sms_cn_ref") and sms.sms_tracker_id:
                sms.sms_tracker_id.sms_cn_ref = result["sms_cn_ref"]
            if result.get("state") == "server_error" \
                    and sms.sms_cn_retry_count < sms._get_sms_company().sms_cn_max_retries:
                to_retry |= sms
        if to_retry:
            to_retry._sms_cn_retry_later()
        return super(SmsSms, self - cn_sms)._handle_call_result_hook(results)

    def _sms_cn_retry_later(self):
        """The gateway was not reached: back in the queue, counted, for the SMS cron to send again later."""
        for sms in self:
            sms.write({"state": "outgoing", "failure_type": False, "to_delete": False,
                       "sms_cn_retry_count": sms.sms_cn_retry_count + 1})
        self.sms_tracker_id._action_update_from_sms_state("outgoing")
        delay = max(self.mapped("sms_cn_retry_count")) * 5
        self.env.ref("sms.ir_cron_sms_scheduler_action")._trigger(
            at=fields.Datetime.now() + timedelta(minutes=delay))
