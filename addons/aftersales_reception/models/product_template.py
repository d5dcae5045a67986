from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_vehicle_part = fields.Boolean(
        string="Vehicle Part", index=True,
        help="A part or accessory fitted to customers' cars: the work order's part lines offer only these, so "
             "the workshop never picks office supplies or other products of the company.",
    )
