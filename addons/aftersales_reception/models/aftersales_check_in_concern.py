from odoo import api, fields, models

from ..tools import check_text_lengths


class AftersalesCheckInConcern(models.Model):
    """One concern in the customer's own words; it becomes one job of the work order."""

    _name = "aftersales.check.in.concern"
    _description = "Customer Concern"
    _order = "check_in_id, sequence, id"

    check_in_id = fields.Many2one("aftersales.check.in", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="check_in_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Concern", required=True)

    @api.constrains("name")
    def _check_text_lengths(self):
        check_text_lengths(self, {"name": 500})
