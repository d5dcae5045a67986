from odoo import fields, models


class AftersalesServicePackageLine(models.Model):
    _name = "aftersales.service.package.line"
    _description = "Service Package Part"
    _rec_name = "product_id"

    package_id = fields.Many2one("aftersales.service.package", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="package_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", string="Part", required=True)
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A package part needs a quantity.")
