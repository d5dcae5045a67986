import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesWechatTemplateLine(models.Model):
    """One keyword of a WeChat template message and the expression that fills it."""

    _name = "aftersales.wechat.template.line"
    _description = "WeChat Template Keyword"
    _inherit = ["mail.render.mixin"]
    _order = "template_id, sequence, id"
    _rec_name = "keyword"
    # As mail templates: the expressions are checked when the service manager writes them, not when a step
    # renders them for the user who does the step.
    _unrestricted_rendering = True

    template_id = fields.Many2one("aftersales.wechat.template", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    keyword = fields.Char(
        required=True,
        help="The keyword as the WeChat template names it: first, keyword1, keyword2..., remark, or thing1, time2...")
    value = fields.Char(
        string="Content", required=True, render_engine="inline_template",
        help="Text with expressions of the document, e.g. {{ object.vehicle_id.license_plate }}.")

    _unique_keyword = models.Constraint(
        "UNIQUE(template_id, keyword)", "Each keyword appears once in a WeChat template.",
    )

    @api.depends("template_id.model")
    def _compute_render_model(self):
        for line in self:
            line.render_model = line.template_id.model

    @api.constrains("keyword")
    def _check_keyword(self):
        for line in self:
            if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,31}", line.keyword or ""):
                raise ValidationError(self.env._(
                    "The keyword %(keyword)s is not a WeChat template keyword: letters, digits and _, starting "
                    "with a letter (e.g. keyword1).", keyword=line.keyword))
