from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS


class AftersalesPartsShortageReport(models.Model):
    """Parts short for open work orders (缺件): part lines the store cannot reserve yet."""

    _name = "aftersales.parts.shortage.report"
    _description = "Parts Shortages"
    _rec_name = "product_id"
    _auto = False
    _order = "promised_date, repair_id"

    move_id = fields.Many2one("stock.move", string="Part Line", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    job_id = fields.Many2one("aftersales.job", readonly=True)
    payer = fields.Selection(PAYERS, readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    user_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    promised_date = fields.Datetime(string="Promised Time", readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    demand_qty = fields.Float(string="Needed", readonly=True, digits="Product Unit")
    reserved_qty = fields.Float(string="Reserved", readonly=True, digits="Product Unit")
    missing_qty = fields.Float(string="Missing", readonly=True, digits="Product Unit")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT move.id AS id,
                       move.id AS move_id,
                       move.repair_id,
                       move.aftersales_job_id AS job_id,
                       job.payer,
                       repair.vehicle_id,
                       repair.partner_id,
                       repair.user_id,
                       repair.promised_date,
                       move.product_id,
                       template.categ_id,
                       move.company_id,
                       move.product_uom_qty AS demand_qty,
                       move.quantity AS reserved_qty,
                       move.product_uom_qty - move.quantity AS missing_qty
                  FROM stock_move move
                  JOIN repair_order repair ON repair.id = move.repair_id
                  JOIN product_product product ON product.id = move.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
             LEFT JOIN aftersales_job job ON job.id = move.aftersales_job_id
                 WHERE move.repair_line_type = 'add'
                   AND move.state IN ('confirmed', 'waiting', 'partially_available')
                   AND repair.state NOT IN ('done', 'cancel')
                   AND move.product_uom_qty > move.quantity
            )
            """,
            table=SQL.identifier(self._table),
        ))
