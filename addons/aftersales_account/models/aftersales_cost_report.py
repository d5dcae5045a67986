from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS


class AftersalesCostReport(models.Model):
    """The dealer's own cost of internal and goodwill work, as the settlement booked it to their expense accounts:
    per month and charged department (内部/善意费用月报)."""

    _name = "aftersales.cost.report"
    _description = "After-sales Internal and Goodwill Cost"
    _auto = False
    _order = "date desc, id desc"
    # Flushed before the view is read: a settlement just posted shows at once.
    _depends = {
        "account.move.line": ["balance", "parent_state", "date", "account_id", "aftersales_cost_department_id",
                              "vehicle_id", "name", "company_id", "move_id"],
        "account.move": ["aftersales_payer", "aftersales_repair_id"],
        "res.company": ["aftersales_internal_account_id", "aftersales_goodwill_account_id"],
    }

    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(readonly=True)
    payer = fields.Selection(PAYERS, readonly=True)
    department_id = fields.Many2one("account.analytic.account", string="Charged Department", readonly=True)
    # The work order's number and plate as text: the accountants read them without after-sales rights.
    work_order = fields.Char(readonly=True)
    license_plate = fields.Char(readonly=True)
    account_id = fields.Many2one("account.account", string="Expense Account", readonly=True)
    name = fields.Char(string="Label", readonly=True)
    amount = fields.Monetary(string="Cost", readonly=True)

    def _query(self):
        # The expense side of the cost entries only: the income side is the same amount, credited.
        return SQL(
            """
            SELECT line.id AS id,
                   line.id AS move_line_id,
                   move.id AS move_id,
                   line.company_id,
                   line.company_currency_id AS currency_id,
                   line.date,
                   move.aftersales_payer AS payer,
                   line.aftersales_cost_department_id AS department_id,
                   repair.name AS work_order,
                   vehicle.license_plate,
                   line.account_id,
                   line.name,
                   line.balance AS amount
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_company company ON company.id = move.company_id
              LEFT JOIN repair_order repair ON repair.id = move.aftersales_repair_id
              LEFT JOIN fleet_vehicle vehicle ON vehicle.id = line.vehicle_id
             WHERE line.parent_state = 'posted'
               AND move.aftersales_payer IN ('internal', 'goodwill')
               AND line.account_id = CASE move.aftersales_payer
                                     WHEN 'internal' THEN company.aftersales_internal_account_id
                                     ELSE company.aftersales_goodwill_account_id END
               AND line.balance > 0
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))
