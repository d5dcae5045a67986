from odoo import fields, models


class AftersalesWarrantyReason(models.Model):
    """The manufacturer's reason codes for reducing or rejecting a claim."""

    _name = "aftersales.warranty.reason"
    _description = "Claim Decision Reason"
    _order = "code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(
        [("reduction", "Reduction"), ("rejection", "Rejection"), ("both", "Reduction or Rejection")],
        required=True, default="both",
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A reason code is used once.")

    def _compute_display_name(self):
        for reason in self:
            reason.display_name = f"[{reason.code}] {reason.name}"
