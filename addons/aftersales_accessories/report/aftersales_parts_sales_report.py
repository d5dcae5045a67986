from odoo import fields, models
from odoo.tools import SQL


class AftersalesPartsSalesReport(models.Model):
    """Parts sold over the counter and accessories are channels of their own, counted on their sale."""

    _inherit = "aftersales.parts.sales.report"

    channel = fields.Selection(selection_add=[("counter", "Counter Sales"), ("accessory", "Accessories")])
    sale_order_id = fields.Many2one("sale.order", readonly=True)

    def _channel_queries(self):
        return [*super()._channel_queries(), self._sale_query()]

    def _workshop_query(self):
        columns, from_, where = super()._workshop_query()
        # Accessories installed on a work order are counted on their sale.
        where.append(SQL("move.sale_line_id IS NULL"))
        return columns, from_, where

    def _sale_query(self):
        delivered_amount = SQL("line.price_total * line.qty_delivered / line.product_uom_qty")
        cost = self._cost(SQL("line.qty_delivered"), SQL("line.company_id"))
        columns = {
            "id": SQL("2 * line.id + 1"),
            "date": SQL("sale.date_order::date"),
            "channel": SQL("sale.aftersales_sale_kind"),
            "payer": SQL("'customer'"),
            "product_id": SQL("line.product_id"),
            "categ_id": SQL("template.categ_id"),
            "partner_id": SQL("sale.partner_id"),
            "repair_id": SQL("sale.installation_repair_id"),
            "sale_order_id": SQL("sale.id"),
            "company_id": SQL("line.company_id"),
            "quantity": SQL("line.qty_delivered"),
            "amount": delivered_amount,
            "cost": cost,
            "margin": SQL("%s - %s", delivered_amount, cost),
        }
        from_ = SQL("""
                  sale_order_line line
                  JOIN sale_order sale ON sale.id = line.order_id
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id""")
        where = [
            SQL("sale.aftersales_sale_kind IS NOT NULL"),
            SQL("sale.state = 'sale'"),
            SQL("line.product_uom_qty > 0"),
            SQL("line.qty_delivered > 0"),
        ]
        return columns, from_, where
