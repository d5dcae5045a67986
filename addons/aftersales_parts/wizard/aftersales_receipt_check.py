from odoo import Command, api, fields, models
from odoo.exceptions import UserError


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
        picking = self.picking_id
        if picking.picking_type_code != "incoming" or picking.state in ("draft", "done", "cancel"):
            raise UserError(self.env._("Only a receipt waiting to be received can be checked."))
        lines = self.line_ids
        for line in lines:
            if line.move_id.product_uom.compare(line.refused_qty, line.delivered_qty) > 0:
                raise UserError(self.env._(
                    "%(part)s: more refused than delivered.", part=line.product_id.display_name
                ))
            if line.refused_qty and not line.reason_id:
                raise UserError(self.env._(
                    "%(part)s: give the reason for the refusal.", part=line.product_id.display_name
                ))
        if not any(lines.mapped("delivered_qty")):
            raise UserError(self.env._("Nothing was delivered: enter the quantities that arrived."))
        for line in lines:
            line.move_id.quantity = line.delivered_qty
        lines.move_id.picked = True
        # What did not arrive stays expected in a backorder.
        picking.with_context(cancel_backorder=False)._action_done()
        refused = lines.filtered("refused_qty")
        if not refused:
            return True
        refusals = self.env["aftersales.receipt.refusal"].create([{
            "picking_id": picking.id,
            "move_id": line.move_id.id,
            "quantity": line.refused_qty,
            "reason_id": line.reason_id.id,
            "note": line.note,
        } for line in refused])
        return_picking = self._create_vendor_return(refused)
        refusals.return_picking_id = return_picking
        picking.message_post(body=self.env._(
            "Refused at receiving and returned to the vendor with %(return_name)s: %(parts)s",
            parts=", ".join(f"{line.product_id.display_name} × {line.refused_qty:g} ({line.reason_id.name})"
                            for line in refused),
            return_name=return_picking.name,
        ))
        return True

    def _create_vendor_return(self, refused_lines):
        picking = self.picking_id
        return_type = self.env["aftersales.receipt.refusal"]._quality_return_type(picking.picking_type_id.warehouse_id)
        wizard = self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_model="stock.picking", aftersales_return_type_id=return_type.id,
        ).create({"picking_id": picking.id})
        refused_by_move = {line.move_id: line.refused_qty for line in refused_lines}
        for return_line in wizard.product_return_moves:
            return_line.quantity = refused_by_move.get(return_line.move_id, 0.0)
        return_picking = wizard._create_return()
        if self.return_now:
            for move in return_picking.move_ids:
                move.quantity = move.product_uom_qty
            return_picking.move_ids.picked = True
            return_picking._action_done()
        return return_picking
