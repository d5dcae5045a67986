from odoo import fields, models


class AftersalesWorkshopBay(models.Model):
    """A working bay (工位): a lift, the alignment bay, a paint booth."""

    _name = "aftersales.workshop.bay"
    _description = "Workshop Bay"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    team_id = fields.Many2one("aftersales.workshop.team")
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
