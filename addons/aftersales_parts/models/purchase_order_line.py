from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    aftersales_refusal_ids = fields.One2many("aftersales.receipt.refusal", "purchase_line_id", string="Refusals",
                                             groups="aftersales_reception.group_aftersales_user")
    aftersales_refused_qty = fields.Float(
        string="Refused", digits="Product Unit", compute="_compute_aftersales_refused_qty", store=True,
        help="Refused at receiving and returned to the vendor.",
    )

    @api.depends("aftersales_refusal_ids.quantity")
    def _compute_aftersales_refused_qty(self):
        for line in self:
            line.aftersales_refused_qty = sum(line.aftersales_refusal_ids.mapped("quantity"))

    @api.model_create_multi
    def create(self, vals_list):
        # A superseded part number is ordered as the newest number of its chain.
        for vals in vals_list:
            if vals.get("product_id"):
                product = self.env["product.product"].browse(vals["product_id"])
                latest = product._latest_supersession()
                if latest != product:
                    vals["product_id"] = latest.id
        return super().create(vals_list)
