from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step

ASSESSMENT_STATES = [
    ("draft", "Draft"),
    ("submitted", "With the Insurer"),
    ("agreed", "Agreed"),
    ("refused", "Refused"),
]


class AftersalesInsuranceAssessment(models.Model):
    """One round of the insurer's assessment (定损): the first one, then each supplement (追加定损)."""

    _name = "aftersales.insurance.assessment"
    _description = "Insurance Assessment Round"
    _inherit = ["aftersales.step.mixin"]
    _order = "case_id, round_number, id"
    _check_company_auto = True

    case_id = fields.Many2one("aftersales.insurance.case", string="Insurance Case", required=True,
                              ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    repair_id = fields.Many2one(related="case_id.repair_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    round_number = fields.Integer(string="Round", readonly=True, copy=False)
    is_supplement = fields.Boolean(string="Supplement", compute="_compute_is_supplement", store=True)
    name = fields.Char(compute="_compute_name", store=True, precompute=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    assessor_id = fields.Many2one("res.partner", help="The insurer's assessor (定损员).")
    reason = fields.Text(help="Why a supplement is needed: hidden damage found once the car was taken apart.")
    state = fields.Selection(ASSESSMENT_STATES, required=True, default="draft", index=True, copy=False,
                             aftersales_step=True)
    agreed_date = fields.Date(copy=False, readonly=True, aftersales_step=True)
    refusal_reason = fields.Char(copy=False)
    line_ids = fields.One2many("aftersales.insurance.assessment.line", "assessment_id", string="Lines", copy=True)
    amount_quoted = fields.Monetary(string="Quoted", compute="_compute_amounts", store=True)
    # What the insurer agrees: the sums of the lines, never typed in.
    amount_labour = fields.Monetary(string="Labour Assessed", compute="_compute_amounts", store=True,
                                    aftersales_step=True)
    amount_parts = fields.Monetary(string="Parts Assessed", compute="_compute_amounts", store=True,
                                   aftersales_step=True)
    amount_total = fields.Monetary(string="Assessed", compute="_compute_amounts", store=True, aftersales_step=True)

    _round_unique = models.Constraint("UNIQUE(case_id, round_number)", "Each assessment round has its own number.")

    @api.depends("round_number")
    def _compute_is_supplement(self):
        for assessment in self:
            assessment.is_supplement = assessment.round_number > 1

    @api.depends("round_number", "case_id.name")
    def _compute_name(self):
        for assessment in self:
            if assessment.is_supplement:
                assessment.name = self.env._("%(case)s supplement %(number)s", case=assessment.case_id.name,
                                             number=assessment.round_number - 1)
            else:
                assessment.name = self.env._("%(case)s assessment", case=assessment.case_id.name)

    @api.depends("line_ids.amount", "line_ids.quoted_amount", "line_ids.line_type")
    def _compute_amounts(self):
        for assessment in self:
            labour = parts = quoted = 0.0
            for line in assessment.line_ids:
                quoted += line.quoted_amount
                if line.line_type == "labour":
                    labour += line.amount
                else:
                    parts += line.amount
            assessment.amount_quoted = quoted
            assessment.amount_labour = labour
            assessment.amount_parts = parts
            assessment.amount_total = labour + parts

    @api.model_create_multi
    def create(self, vals_list):
        cases = self.env["aftersales.insurance.case"].browse({vals["case_id"] for vals in vals_list})
        cases._check_not_settled()
        next_round = {case.id: max(case.assessment_ids.mapped("round_number"), default=0) + 1 for case in cases}
        for vals in vals_list:
            case = cases.browse(vals["case_id"])
            if next_round[case.id] == 1 and case.state != "assessing":
                raise UserError(self.env._(
                    "Call the insurer's assessor in for %(case)s before drafting the assessment.", case=case.name,
                ))
            if next_round[case.id] > 1 and case.state not in ("assessed", "repairing"):
                raise UserError(self.env._(
                    "A supplement to the assessment of %(case)s is possible once the first round is agreed and "
                    "before the repair is completed.", case=case.name,
                ))
            vals["round_number"] = next_round[case.id]
            next_round[case.id] += 1
            vals.setdefault("assessor_id", case.assessor_id.id)
        return super().create(vals_list)

    def write(self, vals):
        # The step fields are the step guard's to refuse or the steps' to write.
        if set(vals) - {"refusal_reason"} - self._aftersales_step_field_names():
            self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(assessment.state != "draft" for assessment in self):
            raise UserError(self.env._("Only a draft assessment can be deleted; refuse it instead."))

    def _check_editable(self):
        self.case_id._check_not_settled()
        agreed = self.filtered(lambda a: a.state == "agreed")
        if agreed:
            raise UserError(self.env._(
                "The insurer agreed %(assessments)s: it can no longer change. Ask for a supplement instead.",
                assessments=", ".join(agreed.mapped("name")),
            ))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _check_state(self, expected):
        wrong = self.filtered(lambda a: a.state not in expected)
        if wrong:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(self.env._(
                "%(assessments)s must be %(states)s for this step.",
                assessments=", ".join(wrong.mapped("name")),
                states=" / ".join(labels[state] for state in expected),
            ))

    @business_step
    def action_submit(self):
        """The dealer's quote goes to the insurer's assessor."""
        self._check_state(["draft"])
        empty = self.filtered(lambda a: not a.line_ids)
        if empty:
            raise UserError(self.env._("Add the damaged items to %(assessments)s before sending it.",
                                       assessments=", ".join(empty.mapped("name"))))
        self.write({"state": "submitted"})
        return True

    @business_step
    def action_agree(self):
        """The insurer agreed the assessed prices (核价): the amounts are final."""
        self._check_state(["submitted"])
        self.write({"state": "agreed", "agreed_date": fields.Date.context_today(self)})
        self.case_id._on_assessment_agreed(self)
        return True

    def action_refuse(self):
        """The button: the reason is written on the form."""
        return self._refuse()

    @business_step
    def _refuse(self, reason=None):
        self._check_state(["submitted"])
        if not reason and any(not assessment.refusal_reason for assessment in self):
            raise UserError(self.env._("Write down why the insurer refused the assessment."))
        self.write({"state": "refused", **({"refusal_reason": reason} if reason else {})})
        return True

    @business_step
    def action_reset_draft(self):
        """A refused or returned quote is reworked and sent again."""
        self._check_state(["submitted", "refused"])
        self.write({"state": "draft"})
        return True
