from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount, format_date, format_datetime


class SmsTemplateCnParam(models.Model):
    _name = "sms.template.cn.param"
    _description = "SMS Gateway Template Parameter"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one("sms.template", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(string="Position", default=10,
                              help="Tencent Cloud fills its template's {1}, {2}... in this order.")
    name = fields.Char(string="Parameter", required=True,
                       help="The variable as the gateway template names it, e.g. name for ${name} on Aliyun.")
    expression = fields.Char(string="Field Path", required=True,
                             help="Field path on the record, e.g. partner_id.name, vehicle_id.license_plate, "
                                  "start_date, amount_total.")

    @api.constrains("expression", "template_id")
    def _check_expression(self):
        for param in self:
            model = self.env.get(param.template_id.model, None)
            if model is None:
                continue
            for fname in param.expression.split("."):
                field = model._fields.get(fname.strip())
                if not field:
                    raise ValidationError(self.env._(
                        "The field path %(path)s does not exist on %(model)s.",
                        path=param.expression, model=param.template_id.model_id.name))
                if field.relational:
                    model = self.env[field.comodel_name]

    def _render_value(self, record):
        """The parameter's text for this record: dates in the customer's time zone, amounts with currency."""
        self.ensure_one()
        value = record
        field = None
        for fname in self.expression.split("."):
            if not value:
                return ""
            value.ensure_one()
            field = value._fields[fname.strip()]
            owner, value = value, value[fname.strip()]
        if value is False or value is None:
            return ""
        tz = record.partner_id.tz if "partner_id" in record._fields and record.partner_id else False
        if field.type == "datetime":
            return format_datetime(self.env, value, tz=tz or self.env.user.tz, dt_format="short")
        if field.type == "date":
            return format_date(self.env, value)
        if field.type == "monetary":
            currency = owner[field.get_currency_field(owner)]
            return format_amount(self.env, value, currency) if currency else f"{value:.2f}"
        if field.type == "float":
            return f"{value:.2f}"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value)
        if field.relational:
            return ", ".join(value.mapped("display_name"))
        return str(value)
