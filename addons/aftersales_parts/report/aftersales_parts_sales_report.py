from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS


class AftersalesPartsSalesReport(models.Model):
    """Parts sold: fitted on work orders, by the payer of their job; other addons add their channels.

    Amounts are what each payer is billed (retail prices include VAT); cost is the part's
    cost price, so the margin is the billed amount less cost.
    """

    _name = "aftersales.parts.sales.report"
    _description = "Parts Sales Analysis"
    _rec_name = "product_id"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    channel = fields.Selection([("workshop", "Work Orders")], readonly=True)
    payer = fields.Selection(PAYERS, readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    job_id = fields.Many2one("aftersales.job", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    quantity = fields.Float(readonly=True, digits="Product Unit")
    amount = fields.Monetary(string="Amount Billed", readonly=True)
    cost = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)

    def _channel_queries(self):
        """Hook: one query per channel, as ``(columns, from_, where)``: ``columns`` maps each column of
        the report to its SQL expression (a column a channel lacks is NULL there), ``from_`` is the
        FROM clause, ``where`` the list of conditions. Ids must not collide between channels."""
        return [self._workshop_query()]

    @staticmethod
    def _cost(quantity, company_id):
        """SQL: ``quantity`` at the cost price of the part (the row ``product``) in the company."""
        return SQL("%s * COALESCE((product.standard_price ->> %s::text)::numeric, 0)", quantity, company_id)

    def _workshop_query(self):
        cost = self._cost(SQL("move.billing_quantity"), SQL("move.company_id"))
        columns = {
            "id": SQL("2 * move.id"),
            "date": SQL("move.date::date"),
            "channel": SQL("'workshop'"),
            "payer": SQL("job.payer"),
            "product_id": SQL("move.product_id"),
            "categ_id": SQL("template.categ_id"),
            "partner_id": SQL("repair.partner_id"),
            "repair_id": SQL("move.repair_id"),
            "job_id": SQL("move.aftersales_job_id"),
            "company_id": SQL("move.company_id"),
            "quantity": SQL("move.billing_quantity"),
            "amount": SQL("move.billing_amount"),
            "cost": cost,
            "margin": SQL("move.billing_amount - %s", cost),
        }
        from_ = SQL("""
                  stock_move move
                  JOIN repair_order repair ON repair.id = move.repair_id
                  JOIN aftersales_job job ON job.id = move.aftersales_job_id
                  JOIN product_product product ON product.id = move.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id""")
        where = [SQL("move.repair_line_type = 'add'"), SQL("move.state = 'done'")]
        return columns, from_, where

    def _query(self):
        queries = self._channel_queries()
        names = list(dict.fromkeys(name for columns, _from, _where in queries for name in columns))
        return SQL("\nUNION ALL\n").join(
            SQL(
                "SELECT %s FROM %s WHERE %s",
                SQL(", ").join(
                    SQL("%s AS %s", columns.get(name, SQL("NULL")), SQL.identifier(name)) for name in names
                ),
                from_,
                SQL(" AND ").join(where),
            )
            for columns, from_, where in queries
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            "CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query(),
        ))
