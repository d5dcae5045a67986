from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare


class AftersalesWarrantyClaimLine(models.Model):
    """A labour operation or a part claimed from the manufacturer."""

    _name = "aftersales.warranty.claim.line"
    _description = "Warranty Claim Line"
    _inherit = ["aftersales.step.mixin"]
    _order = "claim_id, sequence, id"

    claim_id = fields.Many2one("aftersales.warranty.claim", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection([("labour", "Labour"), ("part", "Part")], string="Type", required=True)
    job_id = fields.Many2one("aftersales.job", index="btree_not_null")
    name = fields.Char(string="Description", required=True)
    operation_code = fields.Char(string="Labour Code")
    clocked_hours = fields.Float(digits=(16, 2), readonly=True, help="Hours the technicians clocked on the job.")
    hours = fields.Float(string="Claimed Hours", digits=(16, 2))
    justification = fields.Char(help="Why more hours are claimed than were clocked.")
    product_id = fields.Many2one("product.product", string="Part")
    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True)
    quantity = fields.Float(digits="Product Unit", default=1.0)
    price_unit = fields.Monetary(string="Reimbursement Price")
    amount = fields.Monetary(string="Claimed", compute="_compute_amount", store=True)
    # The manufacturer's decision on the line: recorded by the claim's _record_decision only.
    approved_amount = fields.Monetary(string="Approved", copy=False, aftersales_step=True)
    reason_id = fields.Many2one("aftersales.warranty.reason", copy=False, aftersales_step=True)

    _values_positive = models.Constraint(
        "CHECK(hours >= 0 AND quantity >= 0 AND price_unit >= 0 AND approved_amount >= 0)",
        "Claimed hours, quantities, prices and approved amounts cannot be negative.",
    )

    @api.depends("line_type", "hours", "quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            quantity = line.hours if line.line_type == "labour" else line.quantity
            line.amount = line.currency_id.round(quantity * line.price_unit)

    @api.constrains("hours", "clocked_hours", "justification", "line_type")
    def _check_hours_clocked(self):
        for line in self.filtered(lambda line: line.line_type == "labour"):
            if float_compare(line.hours, line.clocked_hours, precision_digits=2) > 0 and not line.justification:
                raise ValidationError(self.env._(
                    "%(job)s: %(hours)s hours claimed but only %(clocked)s clocked. Enter a justification to "
                    "claim more than the technicians clocked.",
                    job=line.name, hours=line.hours, clocked=line.clocked_hours,
                ))

    @api.constrains("approved_amount", "amount")
    def _check_approved_amount(self):
        for line in self:
            if line.currency_id.compare_amounts(line.approved_amount, line.amount) > 0:
                raise ValidationError(self.env._(
                    "%(line)s: the manufacturer cannot approve more than was claimed.", line=line.name,
                ))

    def write(self, vals):
        if set(vals) - {"approved_amount", "reason_id"}:
            self.claim_id._check_editable()
        return super().write(vals)
