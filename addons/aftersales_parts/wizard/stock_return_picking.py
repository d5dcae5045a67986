from odoo import models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    def _prepare_picking_default_values(self):
        vals = super()._prepare_picking_default_values()
        # Goods refused at receiving leave as quality returns, numbered apart.
        return_type_id = self.env.context.get("aftersales_return_type_id")
        if return_type_id:
            vals["picking_type_id"] = return_type_id
        return vals
