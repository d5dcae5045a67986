from odoo import models


class AftersalesReplenishment(models.Model):
    _name = "aftersales.replenishment"
    # The approver's to-do is an activity on the monthly order.
    _inherit = ["aftersales.replenishment", "mail.activity.mixin", "aftersales.tier.validation"]

    # The monthly parts order waits for its approval before it goes to the manufacturer.
    _state_from = ["draft"]
    _state_to = ["ordered"]

    def _aftersales_approval_figures(self):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.order_qty > 0).sorted("id")
        return ";".join(f"{line.product_id.id}:{line.order_qty:g}" for line in lines)

    def action_create_purchase(self):
        self._check_aftersales_approval()
        return super().action_create_purchase()
