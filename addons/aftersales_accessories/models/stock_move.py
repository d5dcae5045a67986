from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"

    def _aftersales_may_leave_store(self):
        # A counter sale hands its parts over on the sale's own delivery.
        if self.sale_line_id.order_id.aftersales_sale_kind == "counter":
            return True
        return super()._aftersales_may_leave_store()

    def _aftersales_store_exits(self):
        return [*super()._aftersales_store_exits(), self.env._("a counter sale")]
