from odoo import fields, models


class AftersalesPartsIssueSign(models.TransientModel):
    """The signature pad the technician signs an issue or return note on, logged in as himself."""

    _name = "aftersales.parts.issue.sign"
    _description = "Technician Signs the Issue Note"

    issue_id = fields.Many2one("aftersales.parts.issue", string="Note", required=True, readonly=True)
    technician_id = fields.Many2one("res.users", default=lambda self: self.env.user,
                                    readonly=True)
    signed_by = fields.Char(related="technician_id.name", string="Technician's Name")
    line_ids = fields.One2many(related="issue_id.line_ids", string="Parts")
    signature = fields.Image(max_width=1024, max_height=1024, required=True)

    def action_sign(self):
        self.ensure_one()
        self.issue_id._technician_sign(self.signature)
        return {"type": "ir.actions.act_window_close"}
