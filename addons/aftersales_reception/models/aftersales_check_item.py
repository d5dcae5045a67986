from odoo import fields, models


class AftersalesCheckItem(models.Model):
    """A point of the walk-around check (环车检查) that every check-in sheet lists."""

    _name = "aftersales.check.item"
    _description = "Walk-around Check Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    area = fields.Selection(
        [("exterior", "Exterior"), ("glass", "Glass"), ("tyres", "Tyres and Wheels"), ("lights", "Lights"),
         ("interior", "Interior"), ("equipment", "Spare Wheel and Tools")],
        required=True, default="exterior",
    )
    active = fields.Boolean(default=True)
