from odoo import fields, models


class AftersalesRefusalReason(models.Model):
    """Why the parts clerk refused goods at receiving (拒收原因): configurable by the store."""

    _name = "aftersales.refusal.reason"
    _description = "Receipt Refusal Reason"
    _order = "sequence, id"

    name = fields.Char(string="Reason", required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("quantity", "Quantity"), ("quality", "Quality")], required=True, default="quality",
        help="Quality refusals go back to the vendor as quality returns and count in the vendor's quality record.",
    )
    active = fields.Boolean(default=True)

    _name_uniq = models.Constraint("UNIQUE(name)", "This refusal reason already exists.")
