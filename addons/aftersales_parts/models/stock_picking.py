from odoo import api, fields, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    aftersales_refusal_ids = fields.One2many("aftersales.receipt.refusal", "picking_id", string="Refusals")
    aftersales_refusal_count = fields.Integer(string="Refusal Count", compute="_compute_aftersales_refusal_count")

    @api.depends("aftersales_refusal_ids")
    def _compute_aftersales_refusal_count(self):
        for picking in self:
            picking.aftersales_refusal_count = len(picking.aftersales_refusal_ids)

    def action_open_receipt_check(self):
        """Count and inspect what the vendor delivered (收货验收) before it enters the store."""
        self.ensure_one()
        if self.picking_type_code != "incoming" or self.state in ("draft", "done", "cancel"):
            raise UserError(self.env._("Only a receipt waiting to be received can be checked."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check Receipt"),
            "res_model": "aftersales.receipt.check",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }

    def action_view_aftersales_refusals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refused Goods"),
            "res_model": "aftersales.receipt.refusal",
            "view_mode": "list,form",
            "domain": [("picking_id", "=", self.id)],
        }
