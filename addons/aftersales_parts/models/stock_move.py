from odoo import api, models


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model_create_multi
    def create(self, vals_list):
        # A part issued on a work order is always the newest number of its supersession chain.
        for vals in vals_list:
            if vals.get("repair_id") and vals.get("product_id"):
                product = self.env["product.product"].browse(vals["product_id"])
                latest = product._latest_supersession()
                if latest != product:
                    vals["product_id"] = latest.id
        return super().create(vals_list)

    def _aftersales_price_for_payer(self, payer):
        if payer == "warranty" and self.product_id.warranty_price:
            return self.product_id.warranty_price
        return super()._aftersales_price_for_payer(payer)
