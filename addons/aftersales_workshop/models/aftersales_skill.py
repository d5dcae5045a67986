from odoo import fields, models


class AftersalesSkill(models.Model):
    """A skill a labour operation needs and a technician has (e.g. high-voltage systems, DSG)."""

    _name = "aftersales.skill"
    _description = "Technician Skill"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _name_unique = models.Constraint("UNIQUE(name)", "This skill already exists.")
