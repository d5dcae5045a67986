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
        return super().create(self.env["product.product"]._aftersales_supersede_vals(vals_list))
