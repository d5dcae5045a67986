from odoo import fields, models, tools
from odoo.tools import SQL

# Consumption and turnover are measured over the last twelve months.
TURNOVER_MONTHS = 12


class AftersalesPartsStockReport(models.Model):
    """Stock health per part: slow movers (滞销), overstock (积压) and turnover.

    Turnover is the consumption of the last twelve months divided by the average stock,
    the average of the stock twelve months ago and today.
    """

    _name = "aftersales.parts.stock.report"
    _description = "Parts Stock Analysis"
    _rec_name = "product_id"
    _auto = False
    _order = "value desc"

    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    qty_on_hand = fields.Float(string="On Hand", readonly=True, digits="Product Unit")
    value = fields.Monetary(string="Stock Value", readonly=True)
    last_move_date = fields.Date(string="Last Movement", readonly=True)
    idle_days = fields.Integer(string="Days Without Movement", readonly=True, aggregator="max")
    consumption_qty = fields.Float(string="Consumption (12 months)", readonly=True, digits="Product Unit")
    average_qty = fields.Float(string="Average Stock", readonly=True, digits="Product Unit")
    turnover = fields.Float(readonly=True, digits=(16, 2), aggregator="avg",
                            help="Consumption of the last twelve months divided by the average stock.")
    max_qty = fields.Float(string="Maximum", readonly=True, digits="Product Unit",
                           help="The maximum of the part's reordering rules.")
    overstock_qty = fields.Float(string="Overstock", readonly=True, digits="Product Unit")
    overstock_value = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                WITH stock AS (
                    SELECT quant.product_id, quant.company_id, SUM(quant.quantity) AS qty,
                           MAX(quant.in_date)::date AS in_date
                      FROM stock_quant quant
                      JOIN stock_location location ON location.id = quant.location_id
                     WHERE location.usage = 'internal'
                  GROUP BY quant.product_id, quant.company_id
                ), flows AS (
                    SELECT move.product_id, move.company_id,
                           MAX(move.date)::date AS last_move_date,
                           SUM(CASE WHEN move.date >= NOW() - %(period)s
                                     AND source.usage = 'internal' AND dest.usage IN ('customer', 'production')
                                    THEN move.product_qty
                                    WHEN move.date >= NOW() - %(period)s
                                     AND dest.usage = 'internal' AND source.usage IN ('customer', 'production')
                                    THEN -move.product_qty
                                    ELSE 0 END) AS consumption_qty,
                           SUM(CASE WHEN move.date < NOW() - %(period)s THEN 0
                                    WHEN dest.usage = 'internal' THEN move.product_qty
                                    ELSE -move.product_qty END) AS net_in_qty
                      FROM stock_move move
                      JOIN stock_location source ON source.id = move.location_id
                      JOIN stock_location dest ON dest.id = move.location_dest_id
                     WHERE move.state = 'done'
                       AND (source.usage = 'internal') <> (dest.usage = 'internal')
                  GROUP BY move.product_id, move.company_id
                ), maximum AS (
                    SELECT orderpoint.product_id, orderpoint.company_id, MAX(orderpoint.product_max_qty) AS qty
                      FROM stock_warehouse_orderpoint orderpoint
                     WHERE orderpoint.active
                  GROUP BY orderpoint.product_id, orderpoint.company_id
                ), base AS (
                    SELECT COALESCE(stock.product_id, flows.product_id) AS product_id,
                           COALESCE(stock.company_id, flows.company_id) AS company_id,
                           COALESCE(stock.qty, 0) AS qty,
                           -- Stock that never moved counts from the day it came in.
                           COALESCE(flows.last_move_date, stock.in_date) AS last_move_date,
                           COALESCE(flows.consumption_qty, 0) AS consumption_qty,
                           COALESCE(flows.net_in_qty, 0) AS net_in_qty
                      FROM stock
                 FULL JOIN flows ON flows.product_id = stock.product_id AND flows.company_id = stock.company_id
                )
                SELECT ROW_NUMBER() OVER (ORDER BY base.product_id, base.company_id) AS id,
                       base.product_id,
                       template.categ_id,
                       base.company_id,
                       base.qty AS qty_on_hand,
                       base.qty * COALESCE((product.standard_price ->> base.company_id::text)::numeric, 0) AS value,
                       base.last_move_date,
                       (CURRENT_DATE - base.last_move_date) AS idle_days,
                       base.consumption_qty,
                       (2 * base.qty - base.net_in_qty) / 2 AS average_qty,
                       CASE WHEN (2 * base.qty - base.net_in_qty) > 0
                            THEN base.consumption_qty / ((2 * base.qty - base.net_in_qty) / 2)
                            ELSE 0 END AS turnover,
                       maximum.qty AS max_qty,
                       GREATEST(base.qty - maximum.qty, 0) AS overstock_qty,
                       GREATEST(base.qty - maximum.qty, 0)
                           * COALESCE((product.standard_price ->> base.company_id::text)::numeric, 0) AS overstock_value
                  FROM base
                  JOIN product_product product ON product.id = base.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
             LEFT JOIN maximum ON maximum.product_id = base.product_id AND maximum.company_id = base.company_id
                 WHERE template.is_storable
            )
            """,
            table=SQL.identifier(self._table),
            period=SQL("INTERVAL %s", f"{TURNOVER_MONTHS} months"),
        ))
