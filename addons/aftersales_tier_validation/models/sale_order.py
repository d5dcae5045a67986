from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "aftersales.tier.validation"]

    # A sale waits for its approvals before it is confirmed.
    _state_from = ["draft", "sent"]
    _state_to = ["sale"]

    aftersales_gift_amount = fields.Monetary(
        string="Gifts", compute="_compute_aftersales_approval_figures", store=True,
        help="What the accessories given free (a 100 % discount) are worth at their price.",
    )
    aftersales_max_discount = fields.Float(
        string="Largest Discount (%)", digits=(5, 2), compute="_compute_aftersales_approval_figures", store=True,
        help="The largest discount of a line that is not a gift, such as a referral discount.",
    )

    @api.depends("order_line.discount", "order_line.price_unit", "order_line.product_uom_qty")
    def _compute_aftersales_approval_figures(self):
        for order in self:
            gifts = order.order_line.filtered(lambda line: line.discount >= 100.0)
            order.aftersales_gift_amount = order.currency_id.round(
                sum(line.price_unit * line.product_uom_qty for line in gifts)
            )
            order.aftersales_max_discount = max((order.order_line - gifts).mapped("discount"), default=0.0)

    def _aftersales_approval_figures(self):
        self.ensure_one()
        return f"gifts={self.aftersales_gift_amount:.2f};discount={self.aftersales_max_discount:.2f}"

    def action_confirm(self):
        self.filtered(lambda order: order.state in self._state_from)._check_aftersales_approval()
        return super().action_confirm()
