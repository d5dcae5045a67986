from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    # Buyers outside the after-sales department have no access to work orders.
    aftersales_repair_ids = fields.Many2many(
        "repair.order", string="Work Orders", compute="_compute_aftersales_repair_ids", compute_sudo=True,
        groups="aftersales_reception.group_aftersales_user",
        help="Work orders waiting for parts of this purchase (special orders).",
    )
    aftersales_repair_count = fields.Integer(
        string="Work Order Count", compute="_compute_aftersales_repair_ids", compute_sudo=True,
        groups="aftersales_reception.group_aftersales_user",
    )

    aftersales_refusal_count = fields.Integer(
        string="Refusal Count", compute="_compute_aftersales_refusal_count", compute_sudo=True,
        groups="aftersales_reception.group_aftersales_user",
    )

    @api.depends("order_line.aftersales_refusal_ids")
    def _compute_aftersales_refusal_count(self):
        for order in self:
            order.aftersales_refusal_count = len(order.order_line.aftersales_refusal_ids)

    @api.depends("order_line.move_dest_ids.repair_id")
    def _compute_aftersales_repair_ids(self):
        for order in self:
            order.aftersales_repair_ids = order.order_line.move_dest_ids.repair_id
            order.aftersales_repair_count = len(order.aftersales_repair_ids)

    def action_view_aftersales_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "name": self.env._("Work Orders"),
            "view_mode": "list,form",
            "domain": [("id", "in", self.aftersales_repair_ids.ids)],
        }

    def action_view_aftersales_refusals(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refused Goods"),
            "res_model": "aftersales.receipt.refusal",
            "view_mode": "list,form",
            "domain": [("purchase_line_id", "in", self.order_line.ids)],
        }
