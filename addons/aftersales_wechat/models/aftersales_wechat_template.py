from odoo import api, fields, models

# The visit's milestones a channel addon is told about (keys of the customer message hook).
MILESTONES = [
    ("appointment_confirmed", "Booking Confirmed"),
    ("appointment_reminder", "Appointment Reminder"),
    ("checked_in", "Checked In"),
    ("approval_waiting", "Additional Work Waiting for Approval"),
    ("car_ready", "Car Ready"),
    ("delay", "Delay"),
    ("settled", "Settled"),
    ("followup_invitation", "Follow-up Invitation"),
    ("reminder", "Reminder"),
]


class AftersalesWechatTemplate(models.Model):
    """A template message of the service account (模板消息) for one milestone of one kind of document."""

    _name = "aftersales.wechat.template"
    _description = "WeChat Template Message"
    _inherit = ["mail.render.mixin"]
    _order = "model, milestone, id"
    _check_company_auto = True
    # As mail templates: the expressions are checked when the service manager writes them, not when a step
    # renders them for the user who does the step.
    _unrestricted_rendering = True

    name = fields.Char(required=True, translate=True)
    milestone = fields.Selection(MILESTONES, required=True)
    model = fields.Selection(selection="_selection_model", string="Document", required=True,
                             help="The document the message is about: its fields fill the keywords.")
    wechat_template_code = fields.Char(
        string="WeChat Template ID", required=True,
        help="The template's ID in the service account's template library (模板ID).")
    url_expression = fields.Char(
        string="Link", render_engine="inline_template",
        help="Address opened when the customer taps the message, e.g. {{ object.get_base_url() }}/my; "
             "empty: no link.")
    line_ids = fields.One2many("aftersales.wechat.template.line", "template_id", string="Keywords", copy=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)

    _unique_active_milestone = models.UniqueIndex(
        "(company_id, model, milestone) WHERE active",
        "A company has one active WeChat template per document and milestone.",
    )

    @api.model
    def _selection_model(self):
        """The documents that tell their customer about a milestone (the customer message hook)."""
        return [(name, self.env["ir.model"]._get(name).name or name) for name in self._customer_message_models()]

    @api.model
    def _customer_message_models(self):
        mixin = self.env.registry.get("aftersales.customer.message.mixin")
        if mixin is None:
            return []
        return sorted(
            name for name in mixin._inherit_children
            if not self.env.registry[name]._abstract and not self.env.registry[name]._transient
        )

    @api.depends("model")
    def _compute_render_model(self):
        for template in self:
            template.render_model = template.model

    def _aftersales_render_payloads(self, records):
        """The WeChat message of each record, without its recipient: {record id: {template_id, url, data}}."""
        self.ensure_one()
        values_by_keyword = {
            line.keyword: line._render_field("value", records.ids) for line in self.line_ids
        }
        urls = self._render_field("url_expression", records.ids) if self.url_expression else {}
        payloads = {}
        for record in records:
            payload = {
                "template_id": self.wechat_template_code,
                "data": {keyword: {"value": (values.get(record.id) or "").strip()}
                         for keyword, values in values_by_keyword.items()},
            }
            url = (urls.get(record.id) or "").strip()
            if url:
                payload["url"] = url
            payloads[record.id] = payload
        return payloads
