from odoo import api, fields, models

LINE_TYPES = [("labour", "Labour"), ("part", "Part Replaced")]


class AftersalesInsuranceAssessmentLine(models.Model):
    _name = "aftersales.insurance.assessment.line"
    _description = "Insurance Assessment Line"
    _order = "assessment_id, sequence, id"
    _check_company_auto = True

    assessment_id = fields.Many2one("aftersales.insurance.assessment", required=True,
                                    ondelete="cascade", index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    sequence = fields.Integer(default=10)
    line_type = fields.Selection(LINE_TYPES, string="Type", required=True, default="labour")
    name = fields.Char(string="Description", required=True)
    job_id = fields.Many2one("aftersales.job", check_company=True, index="btree_not_null")
    product_id = fields.Many2one("product.product", string="Part", check_company=True)
    part_number = fields.Char(related="product_id.default_code")
    quantity = fields.Float(default=1.0, digits="Product Unit")
    quoted_amount = fields.Monetary(string="Quoted", help="The dealer's price of the line.")
    amount = fields.Monetary(
        string="Assessed", compute="_compute_amount", store=True, readonly=False, precompute=True,
        help="The insurer's price of the line (定损价).",
    )

    _amounts_positive = models.Constraint(
        "CHECK(quantity >= 0 AND quoted_amount >= 0 AND amount >= 0)",
        "Quantities and amounts of an assessment cannot be negative.",
    )

    @api.depends("quoted_amount")
    def _compute_amount(self):
        for line in self:
            # The assessor starts from the dealer's quote and lowers what he does not accept.
            line.amount = line.amount or line.quoted_amount

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.assessment_id._check_editable()
        return lines

    def write(self, vals):
        self.assessment_id._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_agreed(self):
        self.assessment_id._check_editable()
