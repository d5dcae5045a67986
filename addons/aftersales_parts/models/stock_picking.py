from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Refusals are the after-sales store's records: other stock users do not read them.
    aftersales_refusal_ids = fields.One2many("aftersales.receipt.refusal", "picking_id", string="Refusals",
                                             groups="aftersales_reception.group_aftersales_user")
    aftersales_refusal_count = fields.Integer(string="Refusal Count", compute="_compute_aftersales_refusal_count",
                                              compute_sudo=True, groups="aftersales_reception.group_aftersales_user")

    @api.depends("aftersales_refusal_ids")
    def _compute_aftersales_refusal_count(self):
        for picking in self:
            picking.aftersales_refusal_count = len(picking.aftersales_refusal_ids)

    def _aftersales_check_receivable(self):
        if self.picking_type_code != "incoming" or self.state in ("draft", "done", "cancel"):
            raise UserError(self.env._("Only a receipt waiting to be received can be checked."))

    def action_open_receipt_check(self):
        """Count and inspect what the vendor delivered (收货验收) before it enters the store."""
        self.ensure_one()
        self._aftersales_check_receivable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check Receipt"),
            "res_model": "aftersales.receipt.check",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    @business_step
    def _aftersales_check_receipt(self, lines, return_now=True):
        """Receive what the vendor delivered, refusing part of it with reasons.

        ``lines``: one dict per receipt line (``move_id``, or ``product_id`` for the line of that part)
        with ``delivered_qty``, ``refused_qty``, ``reason_id`` and ``note``. The accepted goods enter the
        store, what did not arrive stays expected in a backorder, and the refused goods go back to the
        vendor as a quality return, done at once when the driver takes them back (``return_now``).
        """
        self.ensure_one()
        self._aftersales_check_receivable()
        Move = self.env["stock.move"]
        Reason = self.env["aftersales.refusal.reason"]
        move_by_product = {}
        for move in self.move_ids.filtered(lambda m: m.state not in ("done", "cancel")):
            move_by_product.setdefault(move.product_id.id, move)
        checked = []
        for vals in lines:
            move = Move.browse(vals["move_id"]) if vals.get("move_id") else move_by_product.get(vals.get("product_id"))
            if not move or move.picking_id != self:
                raise UserError(self.env._("This line is not on receipt %(receipt)s.", receipt=self.name))
            delivered, refused = vals.get("delivered_qty", 0.0), vals.get("refused_qty", 0.0)
            reason = Reason.browse(vals.get("reason_id"))
            if move.product_uom.compare(refused, delivered) > 0 or refused < 0:
                raise UserError(self.env._(
                    "%(part)s: more refused than delivered.", part=move.product_id.display_name
                ))
            if refused and not reason:
                raise UserError(self.env._(
                    "%(part)s: give the reason for the refusal.", part=move.product_id.display_name
                ))
            checked.append((move, delivered, refused, reason, vals.get("note")))
        if not any(delivered for _move, delivered, *_rest in checked):
            raise UserError(self.env._("Nothing was delivered: enter the quantities that arrived."))
        for move, delivered, *_rest in checked:
            move.quantity = delivered
        Move.union(*(move for move, *_rest in checked)).picked = True
        # What did not arrive stays expected in a backorder.
        self.with_context(cancel_backorder=False)._action_done()
        refused_lines = [line for line in checked if line[2]]
        if not refused_lines:
            return self.env["aftersales.receipt.refusal"]
        refusals = self.env["aftersales.receipt.refusal"].create([{
            "picking_id": self.id,
            "move_id": move.id,
            "quantity": refused,
            "reason_id": reason.id,
            "note": note,
        } for move, _delivered, refused, reason, note in refused_lines])
        return_picking = self._aftersales_return_refused(refusals, return_now)
        self.message_post(body=self.env._(
            "Refused at receiving and returned to the vendor with %(return_name)s: %(parts)s",
            parts=", ".join(f"{refusal.product_id.display_name} × {refusal.quantity:g} ({refusal.reason_id.name})"
                            for refusal in refusals),
            return_name=return_picking.name,
        ))
        return refusals

    def _aftersales_return_refused(self, refusals, return_now):
        self.ensure_one()
        return_type = self.env["aftersales.receipt.refusal"]._quality_return_type(self.picking_type_id.warehouse_id)
        wizard = self.env["stock.return.picking"].with_context(
            active_id=self.id, active_model="stock.picking", aftersales_return_type_id=return_type.id,
        ).create({"picking_id": self.id})
        refused_by_move = {refusal.move_id: refusal.quantity for refusal in refusals}
        for return_line in wizard.product_return_moves:
            return_line.quantity = refused_by_move.get(return_line.move_id, 0.0)
        return_picking = wizard._create_return()
        # Linked before it leaves: a return of refused goods is the one way out of the store besides the
        # work orders and counter sales.
        refusals.return_picking_id = return_picking
        if return_now:
            for move in return_picking.move_ids:
                move.quantity = move.product_uom_qty
            return_picking.move_ids.picked = True
            return_picking.with_context(skip_sms=True)._action_done()
        return return_picking

    def _send_confirmation_email(self):
        # A quality return goes back to the vendor: no "your delivery is on its way" message.
        return super(StockPicking, self.filtered(
            lambda picking: not picking.picking_type_id.aftersales_quality_return
        ))._send_confirmation_email()

    def action_view_aftersales_refusals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refused Goods"),
            "res_model": "aftersales.receipt.refusal",
            "view_mode": "list,form",
            "domain": [("picking_id", "=", self.id)],
        }
