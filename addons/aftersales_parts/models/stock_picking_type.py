from odoo import fields, models


class StockPickingType(models.Model):
    _inherit = "stock.picking.type"

    aftersales_quality_return = fields.Boolean(
        string="Quality Returns", help="Refused goods go back to the vendor with this operation type.",
    )
