from odoo import Command, api, fields, models


class AftersalesReceiptCheck(models.TransientModel):
    """Receiving (收货验收): count what arrived, refuse what is wrong or damaged, return it to the vendor."""

    _name = "aftersales.receipt.check"
    _description = "Receipt Check"

    picking_id = fields.Many2one("stock.picking", string="Receipt", required=True, readonly=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Vendor")
    line_ids = fields.One2many("aftersales.receipt.check.line", "check_id", string="Lines",
                               compute="_compute_line_ids", store=True, readonly=False, precompute=True)
    return_now = fields.Boolean(
        string="Driver Takes Refused Goods Back", default=True,
        help="The refused goods leave with the delivery: the return is done at once. Otherwise the return "
        "waits, reserved, for the vendor's pickup.",
    )

    @api.depends("picking_id")
    def _compute_line_ids(self):
        for check in self:
            check.line_ids = [Command.clear()] + [
                Command.create({
                    "move_id": move.id,
                    "delivered_qty": move.product_uom_qty,
                })
                for move in check.picking_id.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))
            ]

    def action_confirm(self):
        self.ensure_one()
        self.picking_id._aftersales_check_receipt([{
            "move_id": line.move_id.id,
            "delivered_qty": line.delivered_qty,
            "refused_qty": line.refused_qty,
            "reason_id": line.reason_id.id,
            "note": line.note,
        } for line in self.line_ids], return_now=self.return_now)
        return True
