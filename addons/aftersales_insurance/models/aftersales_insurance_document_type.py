from odoo import fields, models

REQUIRED_FOR = [
    ("delivery", "Before Delivery"),
    ("settlement", "Before Settlement"),
    ("optional", "Optional"),
]


class AftersalesInsuranceDocumentType(models.Model):
    _name = "aftersales.insurance.document.type"
    _description = "Insurance Claim Document Type"
    _order = "sequence, id"

    name = fields.Char(string="Document", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    required_for = fields.Selection(
        REQUIRED_FOR, string="Required", required=True, default="settlement",
        help="Before delivery: the car does not leave without it. Before settlement: the insurer cannot be "
             "invoiced without it.",
    )
    description = fields.Text(help="What exactly to collect, e.g. both sides of the driving licence.")

    _name_unique = models.Constraint("UNIQUE(name)", "This claim document already exists.")
