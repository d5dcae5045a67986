from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesAppointmentPart(models.Model):
    """A part named when booking: the parts store sets it aside or orders it before the visit, and the
    dearer ones are paid for in part by a deposit (预约定金)."""

    _name = "aftersales.appointment.part"
    _description = "Part Named on an Appointment"
    _rec_name = "product_id"
    _order = "appointment_id, sequence, id"
    _check_company_auto = True

    appointment_id = fields.Many2one("aftersales.appointment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appointment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, check_company=True, ondelete="restrict",
        domain="[('type', '=', 'consu')]",
    )
    quantity = fields.Float(default=1.0, required=True, digits="Product Unit")
    price_unit = fields.Monetary(string="Unit Price", compute="_compute_price_unit", store=True, readonly=False,
                                 precompute=True)
    price_subtotal = fields.Monetary(string="Amount", compute="_compute_price_subtotal", store=True)
    needs_deposit = fields.Boolean(
        compute="_compute_needs_deposit", store=True,
        help="At the company's deposit price or above: set aside or ordered against a deposit.",
    )

    @api.constrains("quantity", "price_unit")
    def _check_quantity_and_price(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(self.env._(
                    "%(part)s: a part named on an appointment needs a quantity above zero.",
                    part=line.product_id.display_name,
                ))
            if line.price_unit < 0:
                raise ValidationError(self.env._("%(part)s: a part's price cannot be negative.",
                                                 part=line.product_id.display_name))

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.currency_id.round(line.quantity * line.price_unit) if line.currency_id \
                else line.quantity * line.price_unit

    @api.depends("price_unit", "company_id.aftersales_deposit_min_price", "company_id.aftersales_deposit_percent")
    def _compute_needs_deposit(self):
        for line in self:
            company = line.company_id
            line.needs_deposit = company.aftersales_deposit_percent > 0 and \
                line.price_unit >= company.aftersales_deposit_min_price

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.appointment_id._check_parts_editable()
        return lines

    def write(self, vals):
        self.appointment_id._check_parts_editable()
        return super().write(vals)

    def unlink(self):
        self.appointment_id._check_parts_editable()
        return super().unlink()
