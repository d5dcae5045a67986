from odoo import fields, models


class AftersalesCheckItem(models.Model):
    """A point of the walk-around check (环车检查) that every check-in sheet lists, or of the advisor's final
    check before delivery (交车前终检)."""

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
    kind = fields.Selection(
        [("check_in", "Check-in Walk-around"), ("delivery", "Final Check at Delivery")],
        required=True, default="check_in",
        help="Check-in items are listed on every check-in sheet; delivery items are the advisor's final check "
             "before the car is handed back.",
    )
    active = fields.Boolean(default=True)
