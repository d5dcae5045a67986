from odoo import fields, models


class AftersalesWorkshopTeam(models.Model):
    """A workshop team (班组): mechanical, body, paint, quick service."""

    _name = "aftersales.workshop.team"
    _description = "Workshop Team"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    leader_id = fields.Many2one("res.users", string="Team Leader")
    member_ids = fields.Many2many("res.users", string="Technicians")
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
