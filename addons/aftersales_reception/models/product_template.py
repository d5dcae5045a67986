from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_vehicle_part = fields.Boolean(
        string="Vehicle Part", index=True,
        help="A part or accessory fitted to customers' cars: the work order's part lines offer only these, so "
             "the workshop never picks office supplies or other products of the company.",
    )
    # 原厂件 or 非原厂件: printed on the customer's papers, as the transport ministry's rules ask of a repairer.
    aftersales_part_origin = fields.Selection(
        [("genuine", "Genuine"), ("non_genuine", "Non-genuine")], string="Part Origin", default="genuine",
        help="Genuine: the car maker's part. Non-genuine: another brand's part of the same use.",
    )
