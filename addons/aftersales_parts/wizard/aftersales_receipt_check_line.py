from odoo import api, fields, models


class AftersalesReceiptCheckLine(models.TransientModel):
    _name = "aftersales.receipt.check.line"
    _description = "Receipt Check Line"

    check_id = fields.Many2one("aftersales.receipt.check", required=True, ondelete="cascade")
    move_id = fields.Many2one("stock.move", string="Receipt Line", required=True)
    product_id = fields.Many2one(related="move_id.product_id", string="Part")
    uom_id = fields.Many2one(related="move_id.product_uom", string="Unit")
    expected_qty = fields.Float(related="move_id.product_uom_qty", string="Expected")
    delivered_qty = fields.Float(string="Delivered", digits="Product Unit",
                                 help="What the vendor brought, counted at the dock.")
    refused_qty = fields.Float(string="Refused", digits="Product Unit")
    accepted_qty = fields.Float(string="Accepted", digits="Product Unit", compute="_compute_accepted_qty")
    reason_id = fields.Many2one("aftersales.refusal.reason")
    note = fields.Char(string="Details")

    @api.depends("delivered_qty", "refused_qty")
    def _compute_accepted_qty(self):
        for line in self:
            line.accepted_qty = line.delivered_qty - line.refused_qty
