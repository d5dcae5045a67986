from odoo import api, fields, models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    aftersales_refusal_ids = fields.One2many("aftersales.receipt.refusal", "purchase_line_id", string="Refusals")
    aftersales_refused_qty = fields.Float(
        string="Refused", digits="Product Unit", compute="_compute_aftersales_refused_qty", store=True,
        help="Refused at receiving and returned to the vendor.",
    )

    @api.depends("aftersales_refusal_ids.quantity")
    def _compute_aftersales_refused_qty(self):
        for line in self:
            line.aftersales_refused_qty = sum(line.aftersales_refusal_ids.mapped("quantity"))
