from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS


class AftersalesPartsSalesReport(models.Model):
    """Parts sold: fitted on work orders (per job payer), over the counter and as accessories.

    Amounts are what each payer is billed (retail prices include VAT); cost is the part's
    cost price, so the margin is the billed amount less cost.
    """

    _name = "aftersales.parts.sales.report"
    _description = "Parts Sales Analysis"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    channel = fields.Selection(
        [("workshop", "Work Orders"), ("counter", "Counter Sales"), ("accessory", "Accessories")], readonly=True,
    )
    payer = fields.Selection(PAYERS, readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    job_id = fields.Many2one("aftersales.job", readonly=True)
    sale_order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    quantity = fields.Float(readonly=True, digits="Product Unit")
    amount = fields.Monetary(string="Amount Billed", readonly=True)
    cost = fields.Monetary(readonly=True)
    margin = fields.Monetary(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT 2 * move.id AS id,
                       move.date::date AS date,
                       'workshop' AS channel,
                       job.payer,
                       move.product_id,
                       template.categ_id,
                       repair.partner_id,
                       move.repair_id,
                       move.aftersales_job_id AS job_id,
                       NULL::integer AS sale_order_id,
                       move.company_id,
                       move.billing_quantity AS quantity,
                       move.billing_amount AS amount,
                       move.billing_quantity * COALESCE((product.standard_price ->> move.company_id::text)::numeric, 0)
                           AS cost,
                       move.billing_amount - move.billing_quantity
                           * COALESCE((product.standard_price ->> move.company_id::text)::numeric, 0) AS margin
                  FROM stock_move move
                  JOIN repair_order repair ON repair.id = move.repair_id
                  JOIN aftersales_job job ON job.id = move.aftersales_job_id
                  JOIN product_product product ON product.id = move.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
                 WHERE move.repair_line_type = 'add'
                   AND move.state = 'done'
                   -- Accessories installed on a work order are counted on their sale below.
                   AND move.sale_line_id IS NULL
            UNION ALL
                SELECT 2 * line.id + 1 AS id,
                       sale.date_order::date AS date,
                       sale.aftersales_sale_kind AS channel,
                       'customer' AS payer,
                       line.product_id,
                       template.categ_id,
                       sale.partner_id,
                       sale.installation_repair_id AS repair_id,
                       NULL::integer AS job_id,
                       sale.id AS sale_order_id,
                       line.company_id,
                       line.qty_delivered AS quantity,
                       line.price_total * line.qty_delivered / line.product_uom_qty AS amount,
                       line.qty_delivered * COALESCE((product.standard_price ->> line.company_id::text)::numeric, 0)
                           AS cost,
                       line.price_total * line.qty_delivered / line.product_uom_qty - line.qty_delivered
                           * COALESCE((product.standard_price ->> line.company_id::text)::numeric, 0) AS margin
                  FROM sale_order_line line
                  JOIN sale_order sale ON sale.id = line.order_id
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
                 WHERE sale.aftersales_sale_kind IS NOT NULL
                   AND sale.state = 'sale'
                   AND line.product_uom_qty > 0
                   AND line.qty_delivered > 0
            )
            """,
            table=SQL.identifier(self._table),
        ))
