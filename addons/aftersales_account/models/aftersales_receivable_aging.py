from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS

AGING_BUCKETS = [("0_30", "0-30 Days"), ("31_60", "31-60 Days"), ("61_90", "61-90 Days"), ("90_plus", "Over 90 Days")]


class AftersalesReceivableAging(models.Model):
    """What the payers of after-sales documents still owe, aged from each document's due date (欠收账龄)."""

    _name = "aftersales.receivable.aging"
    _description = "After-sales Receivables Aging"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"
    # Flushed before the view is read: what was just posted, paid or reconciled shows at once.
    _depends = {
        "account.move.line": ["amount_residual", "reconciled", "parent_state", "date", "date_maturity", "account_id",
                              "company_id", "move_id"],
        "account.move": ["aftersales_payer_type", "aftersales_payer_reference", "aftersales_repair_id",
                         "commercial_partner_id", "invoice_origin"],
    }

    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    payer_type = fields.Selection(PAYERS, readonly=True)
    # The work order's number and plate as text: the accountants read them without after-sales rights.
    work_order = fields.Char(readonly=True)
    license_plate = fields.Char(readonly=True)
    payer_reference = fields.Char(string="Claim / Case No.", readonly=True)
    date = fields.Date(string="Document Date", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days_due = fields.Integer(string="Days Past Due", readonly=True, aggregator="max")
    bucket = fields.Selection(AGING_BUCKETS, string="Age", readonly=True)
    amount_residual = fields.Monetary(string="Open Amount", readonly=True)
    amount_0_30 = fields.Monetary(string="0-30 Days", readonly=True)
    amount_31_60 = fields.Monetary(string="31-60 Days", readonly=True)
    amount_61_90 = fields.Monetary(string="61-90 Days", readonly=True)
    amount_90_plus = fields.Monetary(string="Over 90 Days", readonly=True)

    def _query(self):
        # Not yet due counts in the first bucket; credit notes and advance payments age as negative amounts.
        days = SQL("(CURRENT_DATE - COALESCE(line.date_maturity, line.date))")
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS move_line_id,
                   move.id AS move_id,
                   line.company_id,
                   line.company_currency_id AS currency_id,
                   move.commercial_partner_id AS partner_id,
                   move.aftersales_payer_type AS payer_type,
                   COALESCE(repair.name, move.invoice_origin) AS work_order,
                   vehicle.license_plate,
                   move.aftersales_payer_reference AS payer_reference,
                   line.date,
                   COALESCE(line.date_maturity, line.date) AS date_maturity,
                   GREATEST(%(days)s, 0) AS days_due,
                   CASE WHEN %(days)s <= 30 THEN '0_30' WHEN %(days)s <= 60 THEN '31_60'
                        WHEN %(days)s <= 90 THEN '61_90' ELSE '90_plus' END AS bucket,
                   line.amount_residual,
                   CASE WHEN %(days)s <= 30 THEN line.amount_residual ELSE 0 END AS amount_0_30,
                   CASE WHEN %(days)s BETWEEN 31 AND 60 THEN line.amount_residual ELSE 0 END AS amount_31_60,
                   CASE WHEN %(days)s BETWEEN 61 AND 90 THEN line.amount_residual ELSE 0 END AS amount_61_90,
                   CASE WHEN %(days)s > 90 THEN line.amount_residual ELSE 0 END AS amount_90_plus
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN account_account account ON account.id = line.account_id
              LEFT JOIN repair_order repair ON repair.id = move.aftersales_repair_id
              LEFT JOIN fleet_vehicle vehicle ON vehicle.id = repair.vehicle_id
             WHERE line.parent_state = 'posted'
               AND account.account_type = 'asset_receivable'
               AND NOT line.reconciled
               AND line.amount_residual != 0
               AND move.aftersales_payer_type IS NOT NULL
            """,
            days=days,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
