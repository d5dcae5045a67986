from odoo import fields, models


class AftersalesRecallPart(models.Model):
    _name = "aftersales.recall.part"
    _description = "Recall Campaign Part"
    _rec_name = "product_id"
    _order = "campaign_id, id"

    campaign_id = fields.Many2one("aftersales.recall.campaign", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", string="Part", required=True, domain=[("type", "=", "consu")])
    quantity = fields.Float(required=True, default=1.0, digits="Product Unit")

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A recall part's quantity is positive.")
