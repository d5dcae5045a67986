from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        # Claim parts leave the retained-parts location when the return to the manufacturer ships.
        # sudo: any stock user ships the return; the old parts are the warranty's records.
        parts = self.env["aftersales.replaced.part"].sudo().search([
            ("return_picking_id", "in", self.filtered(lambda picking: picking.state == "done").ids),
        ])
        parts._mark_returned()
        return result
