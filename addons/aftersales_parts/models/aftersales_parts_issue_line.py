from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesPartsIssueLine(models.Model):
    _name = "aftersales.parts.issue.line"
    _description = "Parts Issue Note Line"
    _rec_name = "product_id"
    _order = "issue_id, id"
    _check_company_auto = True

    issue_id = fields.Many2one("aftersales.parts.issue", string="Note", required=True, ondelete="cascade",
                               index=True)
    company_id = fields.Many2one(related="issue_id.company_id", store=True)
    move_id = fields.Many2one(
        "stock.move", string="Part Line", required=True, check_company=True,
        domain="[('repair_id', '=', parent.repair_id), ('repair_line_type', '=', 'add')]",
    )
    product_id = fields.Many2one(related="move_id.product_id", string="Part")
    job_id = fields.Many2one(related="move_id.aftersales_job_id", string="Job")
    product_uom = fields.Many2one(related="move_id.product_uom", string="Unit")
    quantity = fields.Float(digits="Product Unit", required=True)
    available_quantity = fields.Float(
        string="Can Be Moved", digits="Product Unit", compute="_compute_available_quantity",
        help="Issue: reserved for the order and not issued yet. Return: issued and not returned yet.",
    )

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A quantity must be positive.")

    @api.depends("move_id.quantity", "move_id.state", "move_id.aftersales_returned_qty", "issue_id.kind")
    def _compute_available_quantity(self):
        for line in self:
            move = line.move_id
            if line.issue_id.kind == "return":
                line.available_quantity = move.quantity - move.aftersales_returned_qty if move.state == "done" else 0.0
            else:
                line.available_quantity = move.quantity if move.state not in ("done", "cancel") else 0.0

    def _check_note_unsigned(self, notes):
        signed = notes.filtered("signed_date")
        if signed:
            raise UserError(self.env._(
                "The technician signed note %(note)s for these parts: its lines cannot change any more. "
                "Cancel it and make a new note.", note=signed[0].name,
            ))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_note_unsigned(self.env["aftersales.parts.issue"].browse(
            {vals["issue_id"] for vals in vals_list if vals.get("issue_id")}
        ))
        return super().create(vals_list)

    def write(self, vals):
        self._check_note_unsigned(self.issue_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        self._check_note_unsigned(self.issue_id)
