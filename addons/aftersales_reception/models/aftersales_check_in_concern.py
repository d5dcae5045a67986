from odoo import fields, models


class AftersalesCheckInConcern(models.Model):
    """One concern in the customer's own words; it becomes one job of the work order."""

    _name = "aftersales.check.in.concern"
    _description = "Customer Concern"
    _order = "check_in_id, sequence, id"

    check_in_id = fields.Many2one("aftersales.check.in", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Concern", required=True)
