from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesReplenishmentLine(models.Model):
    _name = "aftersales.replenishment.line"
    _description = "Monthly Parts Order Proposal Line"
    _rec_name = "product_id"
    _order = "replenishment_id, order_qty desc, id"
    _check_company_auto = True

    replenishment_id = fields.Many2one("aftersales.replenishment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="replenishment_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", string="Part", required=True, check_company=True)
    default_code = fields.Char(related="product_id.default_code", string="Part Number")
    uom_id = fields.Many2one(related="product_id.uom_id")
    consumption_qty = fields.Float(string="Consumption", digits="Product Unit", readonly=True,
                                   help="Used in the averaged months.")
    average_qty = fields.Float(string="Monthly Average", digits="Product Unit", readonly=True)
    on_hand_qty = fields.Float(string="On Hand", digits="Product Unit", readonly=True)
    forecast_qty = fields.Float(string="Forecast", digits="Product Unit", readonly=True,
                                help="On hand, plus what is on order, less what is reserved for orders.")
    min_qty = fields.Float(string="Suggested Min", digits="Product Unit")
    max_qty = fields.Float(string="Suggested Max", digits="Product Unit")
    order_qty = fields.Float(string="To Order", digits="Product Unit")
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", string="Reordering Rule", readonly=True)
    price_unit = fields.Float(string="Cost", digits="Product Price", compute="_compute_amount")
    amount = fields.Monetary(compute="_compute_amount")

    _quantities_positive = models.Constraint(
        "CHECK(order_qty >= 0 AND min_qty >= 0 AND max_qty >= min_qty)",
        "Quantities cannot be negative and the maximum cannot be below the minimum.",
    )

    @api.depends("product_id", "order_qty")
    def _compute_amount(self):
        for line in self:
            line.price_unit = line.product_id.with_company(line.company_id).standard_price
            line.amount = line.currency_id.round(line.price_unit * line.order_qty)

    def write(self, vals):
        if set(vals) != {"orderpoint_id"} and any(line.replenishment_id.state != "draft" for line in self):
            raise UserError(self.env._("An ordered or cancelled proposal cannot be changed."))
        return super().write(vals)
