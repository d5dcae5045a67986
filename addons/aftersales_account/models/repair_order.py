from odoo import fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    aftersales_cost_department_id = fields.Many2one(
        "account.analytic.account", string="Charged Department", check_company=True,
        help="The department that asked for the internal work (new-car preparation, used-car reconditioning) or "
             "answers for the goodwill: the settlement books their cost to it.",
    )

    def write(self, vals):
        if "aftersales_cost_department_id" in vals:
            settled = self.filtered(
                lambda order: order.settlement_date
                and order.aftersales_cost_department_id.id != vals["aftersales_cost_department_id"]
            )
            if settled:
                raise UserError(self.env._(
                    "Work order %(orders)s is settled: its cost is booked to its department already.",
                    orders=", ".join(settled.mapped("name")),
                ))
        return super().write(vals)

    def _prepare_cost_entry(self, payer, lines):
        """The dealer's cost goes to the charged department: its analytic account and the cost report."""
        values = super()._prepare_cost_entry(payer, lines)
        department = self.aftersales_cost_department_id
        if department:
            for command in values["line_ids"]:
                line = command[2]
                if line.get("debit"):
                    line.update({
                        "aftersales_cost_department_id": department.id,
                        "analytic_distribution": {str(department.id): 100.0},
                    })
        return values
