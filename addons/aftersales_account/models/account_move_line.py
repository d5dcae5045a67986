from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    aftersales_cost_department_id = fields.Many2one(
        "account.analytic.account", string="Charged Department", index="btree_not_null", readonly=True,
        help="The department internal or goodwill work is charged to, as the settlement booked it.",
    )
