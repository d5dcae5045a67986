from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesStocktakeLine(models.Model):
    """One quant counted: the book quantity frozen when the count started, and what was found."""

    _name = "aftersales.stocktake.line"
    _description = "Stocktake Line"
    _rec_name = "product_id"
    _inherit = ["aftersales.step.mixin"]
    _order = "stocktake_id, location_id, product_id, id"
    _check_company_auto = True

    stocktake_id = fields.Many2one("aftersales.stocktake", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="stocktake_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(related="stocktake_id.state")
    # Frozen when the count starts: the book side of the discrepancy is the step's record, not an input.
    quant_id = fields.Many2one("stock.quant", readonly=True, check_company=True, index="btree_not_null",
                               aftersales_step=True)
    product_id = fields.Many2one("product.product", string="Part", required=True, check_company=True)
    default_code = fields.Char(related="product_id.default_code", string="Part Number")
    uom_id = fields.Many2one(related="product_id.uom_id")
    location_id = fields.Many2one("stock.location", required=True, check_company=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", check_company=True)
    theoretical_qty = fields.Float(string="Book Quantity", digits="Product Unit", readonly=True,
                                   aftersales_step=True)
    counted_qty = fields.Float(string="Counted Quantity", digits="Product Unit")
    is_counted = fields.Boolean(string="Counted", help="Set when the counted quantity is entered, even zero.")
    difference_qty = fields.Float(string="Difference", digits="Product Unit", compute="_compute_difference",
                                  store=True)
    unit_cost = fields.Float(digits="Product Price", compute="_compute_difference", store=True)
    difference_value = fields.Monetary(compute="_compute_difference", store=True)
    note = fields.Char(string="Reason", help="Why the shelf and the books disagree, when known.")

    _counted_positive = models.Constraint("CHECK(counted_qty >= 0)", "A counted quantity cannot be negative.")

    @api.depends("counted_qty", "is_counted", "theoretical_qty", "product_id")
    def _compute_difference(self):
        for line in self:
            line.difference_qty = line.counted_qty - line.theoretical_qty if line.is_counted else 0.0
            line.unit_cost = line.product_id.with_company(line.company_id).standard_price
            line.difference_value = line.currency_id.round(line.difference_qty * line.unit_cost)

    @api.model_create_multi
    def create(self, vals_list):
        stocktakes = self.env["aftersales.stocktake"].browse([vals["stocktake_id"] for vals in vals_list])
        if any(stocktake.state not in ("draft", "counting") for stocktake in stocktakes):
            raise UserError(self.env._("Lines can only be added while counting."))
        for vals in vals_list:
            if "counted_qty" in vals and "is_counted" not in vals:
                vals["is_counted"] = True
        return super().create(vals_list)

    def write(self, vals):
        if {"counted_qty", "is_counted", "product_id", "location_id", "lot_id"} & set(vals) and any(
            line.stocktake_id.state != "counting" for line in self
        ):
            raise UserError(self.env._("Counted quantities can only be entered while the stocktake is being counted."))
        if "counted_qty" in vals and "is_counted" not in vals:
            vals = dict(vals, is_counted=True)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(line.stocktake_id.state in ("to_approve", "done") for line in self):
            raise UserError(self.env._("The lines of a submitted stocktake cannot be deleted."))
