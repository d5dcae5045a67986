import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches

from ..tools import WechatError
from ..tools.wechat_api import INVALID_TOKEN_CODES, RETRY_CODES
from .aftersales_wechat_template import MILESTONES

_logger = logging.getLogger(__name__)

# After this many requests in a row that did not reach WeChat, the rest of the batch waits for the next run
# instead of each message waiting for its own timeout.
MAX_UNREACHED_IN_A_ROW = 3
# Minutes before the n-th retry: n times this.
RETRY_DELAY_MINUTES = 5


class AftersalesWechatMessage(models.Model):
    """A template message to a customer's WeChat, queued by a step and sent by the scheduled action."""

    _name = "aftersales.wechat.message"
    _description = "WeChat Message"
    _inherit = ["aftersales.step.mixin"]
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, readonly=True,
                                 ondelete="cascade")
    openid = fields.Char(string="WeChat OpenID", required=True, readonly=True)
    milestone = fields.Selection(MILESTONES, required=True, readonly=True)
    template_id = fields.Many2one("aftersales.wechat.template", readonly=True,
                                  ondelete="set null")
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True, readonly=True)
    record_name = fields.Char(string="Document", readonly=True)
    payload = fields.Json(readonly=True, help="The request sent to WeChat.")
    state = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("delivered", "Delivered"), ("fallback", "Sent by SMS"),
         ("failed", "Failed")],
        default="queued", required=True, index=True, readonly=True, aftersales_step=True)
    msgid = fields.Char(string="WeChat Message ID", readonly=True, copy=False, index="btree_not_null",
                        aftersales_step=True)
    error = fields.Char(readonly=True, copy=False, aftersales_step=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True, copy=False, aftersales_step=True)
    next_try_date = fields.Datetime(string="Next Try", readonly=True, copy=False, aftersales_step=True)
    sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False, aftersales_step=True)
    delivery_status = fields.Char(readonly=True, copy=False, aftersales_step=True,
                                  help="What WeChat reported once the message reached the customer, or not.")
    delivery_date = fields.Datetime(string="Delivery Report On", readonly=True, copy=False, aftersales_step=True)
    fallback_sms_body = fields.Text(string="SMS Fallback Text", readonly=True)
    sms_template_id = fields.Many2one("sms.template", string="SMS Fallback Template", readonly=True,
                                      ondelete="set null")
    partner_field = fields.Char(readonly=True, default="partner_id")

    _unique_msgid = models.Constraint(
        "UNIQUE(company_id, msgid)", "WeChat gave the same message ID twice.",
    )

    @api.depends("partner_id", "milestone")
    def _compute_display_name(self):
        milestones = dict(self._fields["milestone"]._description_selection(self.env))
        for message in self:
            message.display_name = f"{message.partner_id.name or ''} - {milestones.get(message.milestone, '')}"

    def action_open_document(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form", "views": [(False, "form")]}

    # QUEUE
    # ------------------------------------------------------------

    @api.model
    def _aftersales_queue(self, records, milestone, sms_template, sms_body, partner_field="partner_id"):
        """Queue a WeChat message for the records whose customer wants WeChat, bound it to the record's company
        service account, and whose company has an active template for the milestone. Return those records."""
        records = records._aftersales_wechat_wanted(partner_field)
        if not records:
            return records
        company_by_record = {
            record: record.company_id if "company_id" in record._fields and record.company_id else self.env.company
            for record in records
        }
        records = records.filtered(lambda record: company_by_record[record].wechat_enabled
                                   and record[partner_field].wechat_openid
                                   and record[partner_field].wechat_company_id == company_by_record[record])
        if not records:
            return records
        templates = self.env["aftersales.wechat.template"].search([
            ("model", "=", records._name), ("milestone", "=", milestone),
            ("company_id", "in", list({company.id for company in company_by_record.values()})),
        ]).grouped("company_id")
        queued = records.browse()
        vals_list = []
        for company, template in templates.items():
            company_records = records.filtered(lambda record, company=company: company_by_record[record] == company)
            payloads = template[:1]._aftersales_render_payloads(company_records)
            for record in company_records:
                partner = record[partner_field]
                vals_list.append({
                    "company_id": company.id,
                    "partner_id": partner.id,
                    "openid": partner.wechat_openid,
                    "milestone": milestone,
                    "template_id": template[:1].id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "record_name": record.display_name,
                    "payload": {"touser": partner.wechat_openid, **payloads[record.id]},
                    "fallback_sms_body": sms_body(record) if sms_body else False,
                    "sms_template_id": sms_template.id if sms_template else False,
                    "partner_field": partner_field,
                })
            queued |= company_records
        if vals_list:
            self.create(vals_list)
            self.env.ref("aftersales_wechat.ir_cron_send_wechat_messages")._trigger()
        return queued

    # SEND
    # ------------------------------------------------------------

    @api.model
    def _cron_send_queued(self):
        """Send what is queued and due, in committed batches; one access token per company and batch."""
        now = fields.Datetime.now()
        messages = self.search([("state", "=", "queued"), "|", ("next_try_date", "=", False),
                                ("next_try_date", "<=", now)], order="id")
        process_in_batches(messages, lambda batch: batch._send())
        next_try = self.search([("state", "=", "queued"), ("next_try_date", ">", now)],
                               order="next_try_date", limit=1).next_try_date
        if next_try:
            self.env.ref("aftersales_wechat.ir_cron_send_wechat_messages")._trigger(at=next_try)

    @business_step
    def _send(self):
        """Send the queued messages: each once, even when two runs take the same ones (row locks)."""
        messages = self.try_lock_for_update(allow_referencing=True).filtered(lambda message: message.state == "queued")
        to_fall_back = self.browse()
        for company, company_messages in messages.grouped("company_id").items():
            to_fall_back |= company_messages._send_company(company)
        to_fall_back._fall_back()

    def _send_company(self, company):
        """Send one company's messages through its service account; return those to send by SMS."""
        api = company._wechat_api()
        token = None
        to_fall_back = self.browse()
        unreached_in_a_row = 0
        for message in self:
            if unreached_in_a_row >= MAX_UNREACHED_IN_A_ROW:
                message._wait_for_next_run()
                continue
            try:
                if token is None:
                    token = company._wechat_access_token(api)
                answer = api.send_template_message(token, message.payload)
                if answer.get("errcode") in INVALID_TOKEN_CODES:
                    token = company._wechat_access_token(api, refused_token=token)
                    answer = api.send_template_message(token, message.payload)
            except WechatError as error:
                unreached_in_a_row += 1
                if message._retry_later(self.env._("WeChat could not be reached: %(error)s", error=error)):
                    to_fall_back |= message
                continue
            unreached_in_a_row = 0
            errcode = answer.get("errcode") or 0
            reason = f"{errcode}: {answer.get('errmsg') or ''}"
            if errcode == 0:
                message.write({"state": "sent", "msgid": str(answer.get("msgid") or ""), "error": False,
                               "attempt_count": message.attempt_count + 1, "sent_date": fields.Datetime.now(),
                               "next_try_date": False})
            elif errcode in RETRY_CODES or errcode in INVALID_TOKEN_CODES:
                if message._retry_later(reason):
                    to_fall_back |= message
            else:
                # A definite refusal (not following the account, template deleted...): SMS at once.
                message.write({"attempt_count": message.attempt_count + 1, "error": reason})
                to_fall_back |= message
        return to_fall_back

    def _retry_later(self, reason):
        """Count a try that did not reach WeChat; True when the retries are used up (the SMS goes instead)."""
        self.ensure_one()
        attempts = self.attempt_count + 1
        if attempts > self.company_id.wechat_max_retries:
            self.write({"attempt_count": attempts, "error": reason})
            return True
        self.write({"attempt_count": attempts, "error": reason,
                    "next_try_date": fields.Datetime.now() + timedelta(minutes=RETRY_DELAY_MINUTES * attempts)})
        return False

    def _wait_for_next_run(self):
        """WeChat is not answering: left for the next run without a try counted."""
        self.write({"next_try_date": fields.Datetime.now() + timedelta(minutes=RETRY_DELAY_MINUTES)})

    def _fall_back(self):
        """Send the stored SMS text through the source record's SMS step; without a phone the message fails."""
        groups = defaultdict(lambda: self.browse())
        for message in self:
            groups[message.res_model, message.milestone, message.sms_template_id, message.partner_field] |= message
        for (res_model, milestone, sms_template, partner_field), messages in groups.items():
            records = self.env[res_model].browse(messages.mapped("res_id")).exists()
            body_by_id = {message.res_id: message.fallback_sms_body or "" for message in messages}
            texted = records._aftersales_send_customer_sms(
                milestone, sms_template, lambda record, bodies=body_by_id: bodies[record.id], partner_field)
            sent_ids = set(texted.ids)
            fallen_back = messages.filtered(lambda message, ids=sent_ids: message.res_id in ids)
            fallen_back.write({"state": "fallback", "next_try_date": False})
            (messages - fallen_back).write({
                "state": "failed", "next_try_date": False,
                "error": self.env._("No phone number for the SMS instead."),
            })

    # DELIVERY REPORT
    # ------------------------------------------------------------

    @api.model
    @business_step
    def _aftersales_process_delivery_report(self, company, msgid, status):
        """WeChat's TEMPLATESENDJOBFINISH event: applied once; a report received again changes nothing."""
        message = self.search([("company_id", "=", company.id), ("msgid", "=", str(msgid))], limit=1)
        if not message:
            _logger.info("WeChat delivery report for an unknown message %s", msgid)
            return False
        # Waits for a duplicate report being applied at the same time, then finds the message done.
        self.env.cr.execute(SQL("SELECT id FROM %s WHERE id = %s FOR NO KEY UPDATE",
                                SQL.identifier(self._table), message.id))
        message.invalidate_recordset()
        if message.state != "sent":
            return False
        now = fields.Datetime.now()
        if status == "success":
            message.write({"state": "delivered", "delivery_status": status, "delivery_date": now})
        else:
            message.write({"delivery_status": status, "delivery_date": now, "error": status})
            message._fall_back()
        return True
