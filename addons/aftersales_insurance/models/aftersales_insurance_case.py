from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_reception.tools import business_step, check_text_lengths

CASE_STATES = [
    ("reported", "Reported"),
    ("assessing", "Assessing"),
    ("assessed", "Assessed"),
    ("repairing", "Repairing"),
    ("completed", "Completed"),
    ("settled", "Settled"),
]
STATE_ORDER = [state for state, _label in CASE_STATES]
# Progress steps the insurer is told about, with their mail templates.
PROGRESS_TEMPLATES = {
    "assessed": "aftersales_insurance.mail_template_case_assessed",
    "repairing": "aftersales_insurance.mail_template_case_repair_started",
    "completed": "aftersales_insurance.mail_template_case_completed",
    "ready": "aftersales_insurance.mail_template_case_ready",
}
# What may still change once the case is settled: the insurer's payment and the chatter.
SETTLED_WRITABLE_FIELDS = {
    "state", "settled_date", "message_main_attachment_id", "activity_ids", "message_follower_ids",
}


class AftersalesInsuranceCase(models.Model):
    """An accident repair (事故车) paid by an insurer: the claim, its assessment and its documents."""

    _name = "aftersales.insurance.case"
    _description = "Insurance Case"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.insurance.case"
    _order = "report_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/", index="trigram")
    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="restrict",
                                index=True, check_company=True, tracking=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, index="btree_not_null")
    license_plate = fields.Char(related="repair_id.license_plate")
    repair_state = fields.Selection(related="repair_id.state", string="Work Order Status")
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer", store=True)
    advisor_id = fields.Many2one(related="repair_id.user_id", string="Service Advisor", store=True)
    clerk_id = fields.Many2one("res.users", string="Insurance Clerk", default=lambda self: self.env.user,
                               tracking=True, domain=[("share", "=", False)])
    state = fields.Selection(CASE_STATES, required=True, default="reported", index=True, copy=False,
                             tracking=True, group_expand=True, aftersales_step=True)

    # The claim
    insurer_id = fields.Many2one("res.partner", required=True, index=True, tracking=True, check_company=True)
    insurer_contact_id = fields.Many2one(
        "res.partner", tracking=True,
        domain="[('parent_id', '=', insurer_id)]", help="Told of the repair's progress by e-mail.",
    )
    policy_number = fields.Char(tracking=True)
    claim_number = fields.Char(tracking=True, help="The insurer's report number (报案号).")
    report_date = fields.Date(string="Reported on", required=True, default=fields.Date.context_today)
    insured_id = fields.Many2one("res.partner", compute="_compute_insured_id", store=True, readonly=False,
                                 precompute=True, help="The policy holder (被保险人).")
    # The accident
    accident_date = fields.Datetime(tracking=True)
    accident_place = fields.Char()
    accident_description = fields.Text()
    is_towed = fields.Boolean(string="Came by Tow", help="The car arrived on a tow truck (拖车进场).")
    arrival_date = fields.Datetime(related="repair_id.check_in_id.check_in_date", string="Arrival")
    # The assessment
    assessor_id = fields.Many2one(
        "res.partner", tracking=True, domain="[('parent_id', '=', insurer_id)]",
        help="The insurer's assessor (定损员).",
    )
    assessor_phone = fields.Char(related="assessor_id.phone", string="Assessor Phone")
    assessment_ids = fields.One2many("aftersales.insurance.assessment", "case_id", string="Assessment Rounds")
    supplement_count = fields.Integer(compute="_compute_assessment_amounts", store=True, string="Supplements")
    amount_assessed = fields.Monetary(
        string="Assessed", compute="_compute_assessment_amounts", store=True, aftersales_step=True,
        help="What the insurer agreed, all agreed rounds together.",
    )
    amount_assessed_labour = fields.Monetary(string="Labour Assessed", compute="_compute_assessment_amounts",
                                             store=True, aftersales_step=True)
    amount_assessed_parts = fields.Monetary(string="Parts Assessed", compute="_compute_assessment_amounts",
                                            store=True, aftersales_step=True)
    # The service manager's override: the insurer is invoiced without an agreed assessment.
    assessment_override_reason = fields.Text(
        string="Why Without Assessment", tracking=True,
        help="Why the insurer is invoiced without an agreed assessment, e.g. a small claim the insurer settles "
        "on the dealer's quote.",
    )
    assessment_override_user_id = fields.Many2one("res.users", string="Assessment Waived by", readonly=True,
                                                  copy=False, tracking=True, aftersales_step=True)
    assessment_override_date = fields.Datetime(string="Assessment Waived on", readonly=True, copy=False,
                                               aftersales_step=True)
    assessment_pending = fields.Boolean(compute="_compute_assessment_amounts", store=True,
                                        help="A round is still a draft or with the insurer.")
    excess_amount = fields.Monetary(string="Excess", tracking=True,
                                    help="What the policy leaves to the insured (免赔额 / 自付).")
    extra_agreed = fields.Boolean(
        string="Customer Pays Above the Assessment", tracking=True,
        help="The customer agreed to pay what the repair costs above the insurer's assessment.",
    )
    # Amounts of the repair
    amount_repair = fields.Monetary(string="Insurance Jobs", compute="_compute_amount_repair", store=True,
                                    help="The insurance jobs of the work order at the dealer's prices.")
    amount_insurer = fields.Monetary(string="Insurer Share", compute="_compute_shares", store=True)
    amount_customer = fields.Monetary(string="Customer Share", compute="_compute_shares", store=True,
                                      help="The excess plus what the repair costs above the assessment.")
    amount_above_assessment = fields.Monetary(compute="_compute_shares", store=True)
    amount_invoiced_insurer = fields.Monetary(string="Invoiced to Insurer", compute="_compute_invoiced",
                                              store=True, compute_sudo=True)
    amount_invoiced_customer = fields.Monetary(string="Invoiced to Customer", compute="_compute_invoiced",
                                               store=True, compute_sudo=True)
    # Documents
    document_ids = fields.One2many("aftersales.insurance.document", "case_id", string="Documents",
                                   default=lambda self: self._default_document_ids())
    documents_missing = fields.Integer(compute="_compute_documents_missing")
    # Progress
    assessed_date = fields.Date(copy=False, readonly=True, aftersales_step=True)
    repair_start_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    completion_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    ready_notified_date = fields.Datetime(string="Ready Notice Sent", copy=False, readonly=True,
                                          aftersales_step=True)
    settled_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    # What the insurer does not pay of its invoices (少赔) is the dealer's loss: recorded by the clerk's Insurer Pays
    # Short step, booked on the shortfall account by action_book_write_off unless an approval rule holds it.
    amount_insurer_outstanding = fields.Monetary(
        string="Insurer Owes", compute="_compute_amount_insurer_outstanding", compute_sudo=True,
        help="What the insurer's invoices still leave open.",
    )
    writeoff_state = fields.Selection(
        [("none", "None"), ("to_book", "To Write Off"), ("booked", "Written Off")], string="Write-off",
        default="none", required=True, copy=False, tracking=True, aftersales_step=True,
    )
    writeoff_amount = fields.Monetary(
        string="Write-off Amount", copy=False, readonly=True, tracking=True, aftersales_step=True,
        help="What the insurer will not pay of its invoices, written off on the insurer shortfall account.",
    )
    writeoff_reason = fields.Text(string="Why the Insurer Pays Short", copy=False, readonly=True, tracking=True,
                                  aftersales_step=True)
    writeoff_move_id = fields.Many2one("account.move", string="Write-off Entry", copy=False, readonly=True,
                                       aftersales_step=True)
    repair_days = fields.Float(compute="_compute_repair_days", store=True, aggregator="avg", digits=(16, 1),
                               help="Days from the start of the repair to its completion.")
    note = fields.Html()

    _repair_unique = models.Constraint("UNIQUE(repair_id)", "A work order has one insurance case.")
    _excess_positive = models.Constraint("CHECK(excess_amount >= 0)", "The excess cannot be negative.")
    _writeoff_amount_positive = models.Constraint("CHECK(writeoff_amount >= 0)",
                                                  "The amount written off cannot be negative.")

    @api.model
    def _default_document_ids(self):
        types = self.env["aftersales.insurance.document.type"].search([("active", "=", True)])
        return [Command.create({"type_id": doc_type.id}) for doc_type in types]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("repair_id.partner_id")
    def _compute_insured_id(self):
        # Usually the customer holds the policy; a company car's insured is the company.
        for case in self:
            case.insured_id = case.insured_id or case.repair_id.partner_id

    @api.depends("assessment_ids.state", "assessment_ids.amount_total", "assessment_ids.amount_labour",
                 "assessment_ids.amount_parts")
    def _compute_assessment_amounts(self):
        for case in self:
            agreed = case.assessment_ids.filtered(lambda a: a.state == "agreed")
            case.amount_assessed = sum(agreed.mapped("amount_total"))
            case.amount_assessed_labour = sum(agreed.mapped("amount_labour"))
            case.amount_assessed_parts = sum(agreed.mapped("amount_parts"))
            case.supplement_count = len(case.assessment_ids.filtered("is_supplement"))
            case.assessment_pending = any(a.state in ("draft", "submitted") for a in case.assessment_ids)

    @api.depends("repair_id.job_ids.amount_total", "repair_id.job_ids.payer", "repair_id.job_ids.state")
    def _compute_amount_repair(self):
        for case in self:
            jobs = case.repair_id._billable_jobs().filtered(lambda job: job.payer == "insurance")
            case.amount_repair = sum(jobs.mapped("amount_total"))

    @api.depends("amount_repair", "amount_assessed", "excess_amount", "state", "assessment_ids.state",
                 "assessment_override_date")
    def _compute_shares(self):
        for case in self:
            insurer, customer = case._split_insurance_amount(case.amount_repair)
            case.amount_insurer = insurer
            case.amount_customer = customer
            case.amount_above_assessment = max(case.amount_repair - case.amount_assessed, 0.0) \
                if case._is_assessed() else 0.0

    @api.depends("repair_id.aftersales_invoice_ids.amount_total", "repair_id.aftersales_invoice_ids.state",
                 "repair_id.aftersales_invoice_ids.aftersales_payer")
    def _compute_invoiced(self):
        for case in self:
            posted = case.repair_id.aftersales_invoice_ids.filtered(lambda move: move.state == "posted")
            case.amount_invoiced_insurer = sum(
                posted.filtered(lambda move: move.aftersales_payer == "insurance").mapped("amount_total")
            )
            case.amount_invoiced_customer = sum(
                posted.filtered(lambda move: move.aftersales_payer == "customer").mapped("amount_total")
            )

    @api.depends("repair_id.aftersales_invoice_ids.amount_residual_signed")
    def _compute_amount_insurer_outstanding(self):
        for case in self:
            case.amount_insurer_outstanding = sum(case._insurer_invoices().mapped("amount_residual_signed"))

    @api.depends("document_ids.is_received", "document_ids.required_for")
    def _compute_documents_missing(self):
        for case in self:
            case.documents_missing = len(case._missing_documents(("delivery", "settlement")))

    @api.depends("repair_start_date", "completion_date")
    def _compute_repair_days(self):
        for case in self:
            if case.repair_start_date and case.completion_date:
                case.repair_days = (case.completion_date - case.repair_start_date).total_seconds() / 86400
            else:
                case.repair_days = 0.0

    # ------------------------------------------------------------------
    # Shares
    # ------------------------------------------------------------------

    def _is_assessed(self):
        """The insurer agreed at least one round and no other waits for its answer."""
        self.ensure_one()
        return self.state != "reported" and any(a.state == "agreed" for a in self.assessment_ids)

    def _insurer_may_be_invoiced(self):
        """The insurer agreed the assessment, or the service manager recorded the override."""
        self.ensure_one()
        return self._is_assessed() or bool(self.assessment_override_date)

    def _split_insurance_amount(self, amount):
        """Split the insurance jobs' amount between the insurer and the customer.

        The insurer pays what it assessed (never more than the repair costs) less the excess; the
        customer pays the excess and whatever the repair costs above the assessment. Before the
        assessment the insurer is quoted the whole amount; invoiced without assessment (the service
        manager's override), the insurer pays the dealer's prices less the excess.
        """
        self.ensure_one()
        if self._is_assessed():
            covered = min(amount, self.amount_assessed)
        elif self.assessment_override_date:
            covered = amount
        else:
            return amount, 0.0
        currency = self.currency_id or self.env.company.currency_id
        insurer = currency.round(max(covered - self.excess_amount, 0.0))
        return insurer, currency.round(amount - insurer)

    def _missing_documents(self, required_for):
        return self.document_ids.filtered(lambda doc: doc.required_for in required_for and not doc.is_received)

    # ------------------------------------------------------------------
    # CRUD and guards
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases.repair_id._check_aftersales_editable()
        return cases

    def write(self, vals):
        # Outside a step the guard refuses the state itself; a step moves the case one state forward.
        if "state" in vals and not self._aftersales_step_guard_active():
            self._check_transition(vals["state"])
        if ("assessment_override_reason" in vals and self.filtered("assessment_override_date")
                and self._aftersales_step_guard_active()):
            raise UserError(self.env._("The service manager's override is recorded: its reason can no longer change."))
        if set(vals) - self._settled_writable_fields() - self._aftersales_step_field_names():
            self._check_not_settled()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_assessed(self):
        if any(case.state != "reported" for case in self):
            raise UserError(self.env._("Only a case that is merely reported can be deleted."))

    @api.model
    def _settled_writable_fields(self):
        """Hook: what may still change on a settled case besides its steps' fields."""
        return SETTLED_WRITABLE_FIELDS

    def _check_not_settled(self):
        settled = self.filtered(lambda case: case.state == "settled")
        if settled:
            raise UserError(self.env._("Insurance case %(cases)s is settled: it can no longer change.",
                                       cases=", ".join(settled.mapped("name"))))

    def _check_transition(self, new_state):
        """Cases move one step forward at a time: no step is skipped, none is undone."""
        labels = dict(self._fields["state"]._description_selection(self.env))
        if new_state not in STATE_ORDER:
            return  # the selection field refuses unknown values itself
        for case in self:
            if case.state == new_state:
                continue
            if STATE_ORDER.index(new_state) != STATE_ORDER.index(case.state) + 1:
                raise UserError(self.env._(
                    "Insurance case %(case)s is %(current)s: it cannot become %(new)s.",
                    case=case.name, current=labels[case.state], new=labels[new_state],
                ))

    @api.constrains("claim_number", "policy_number")
    def _check_text_lengths(self):
        check_text_lengths(self, {"claim_number": 64, "policy_number": 64})

    @api.constrains("insurer_contact_id", "assessor_id", "insurer_id")
    def _check_insurer_people(self):
        for case in self:
            for person in case.insurer_contact_id | case.assessor_id:
                if person.commercial_partner_id != case.insurer_id.commercial_partner_id:
                    raise ValidationError(self.env._(
                        "%(person)s does not work for the insurer %(insurer)s.",
                        person=person.display_name, insurer=case.insurer_id.display_name,
                    ))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @business_step
    def action_start_assessment(self):
        """The insurer's assessor is called in (reported → assessing)."""
        for case in self:
            if not case.claim_number:
                raise UserError(self.env._("Record the insurer's claim number of %(case)s first.", case=case.name))
        self.write({"state": "assessing"})
        return True

    def _prepare_assessment_lines(self, jobs):
        """Lines of the dealer's quote: each job's labour, then each part fitted on it."""
        return [
            {
                "line_type": line["line_type"], "name": line["name"], "job_id": line["job"].id,
                "product_id": line["product"].id if line["product"] else False,
                "quantity": line["quantity"], "quoted_amount": line["amount"],
            }
            for line in jobs._billing_lines()
            if line["line_type"] == "part" or line["amount"]
        ]

    def action_new_assessment(self):
        """Draft a round from the insurance jobs no earlier round covers (the first round, then supplements)."""
        self.ensure_one()
        covered = self.assessment_ids.filtered(lambda a: a.state != "refused").line_ids.job_id
        jobs = self.repair_id.job_ids.filtered(
            lambda job: job.payer == "insurance" and job.state != "declined" and job not in covered
        )
        assessment = self.env["aftersales.insurance.assessment"].create({
            "case_id": self.id,
            "line_ids": [Command.create(line) for line in self._prepare_assessment_lines(jobs)],
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.insurance.assessment",
            "res_id": assessment.id,
            "view_mode": "form",
            "target": "current",
        }

    @business_step
    def _on_assessment_agreed(self, assessments):
        """The first agreed round makes the case assessed; the insurer is told."""
        first = self.filtered(lambda case: case.state == "assessing")
        first.write({"state": "assessed", "assessed_date": fields.Date.context_today(self)})
        first._notify_insurer("assessed")
        for case in self - first:
            case.message_post(body=self.env._(
                "The insurer agreed the supplement %(assessment)s.",
                assessment=", ".join(assessments.filtered(lambda a, c=case: a.case_id == c).mapped("name")),
            ))

    @business_step
    def action_start_repair(self):
        """Repair starts once the damage is assessed (assessed → repairing)."""
        not_assessed = self.filtered(lambda case: case.state != "assessed")
        if not_assessed:
            raise UserError(self.env._(
                "The insurer has not assessed the damage of %(cases)s: the repair cannot start yet.",
                cases=", ".join(not_assessed.mapped("name")),
            ))
        self.write({"state": "repairing", "repair_start_date": fields.Datetime.now()})
        self._notify_insurer("repairing")
        return True

    @business_step
    def action_override_assessment(self):
        """The service manager lets the insurer be invoiced without an agreed assessment (assessing → assessed).

        For a claim the insurer settles on the dealer's quote without an assessment round: the reason is
        written first, who decided and when are recorded.
        """
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._(
                "Only the service manager lets the insurer be invoiced without an agreed assessment."
            ))
        for case in self:
            if case._insurer_may_be_invoiced():
                raise UserError(self.env._(
                    "The assessment of %(case)s is already agreed or waived: no override is needed.", case=case.name,
                ))
            if case.state != "assessing":
                raise UserError(self.env._(
                    "Call the insurer's assessor in for %(case)s first: the override stands for the insurer's "
                    "assessment, not for the claim.", case=case.name,
                ))
            if not (case.assessment_override_reason or "").strip():
                raise UserError(self.env._(
                    "Write down why %(case)s is invoiced to the insurer without an agreed assessment.",
                    case=case.name,
                ))
        self.write({
            "state": "assessed",
            "assessed_date": fields.Date.context_today(self),
            "assessment_override_user_id": self.env.user.id,
            "assessment_override_date": fields.Datetime.now(),
        })
        return True

    @business_step
    def _complete(self):
        self.write({"state": "completed", "completion_date": fields.Datetime.now()})
        self._notify_insurer("completed")
        self._schedule_missing_documents_activity()

    def _schedule_missing_documents_activity(self):
        """The repair is done but the claim file is not: the clerk gets a to-do with what is missing."""
        for case in self:
            missing = case._missing_documents(("delivery", "settlement"))
            if missing:
                case.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Collect the claim documents"),
                    note=", ".join(missing.type_id.mapped("name")),
                    user_id=(case.clerk_id or self.env.user).id,
                )

    def action_complete(self):
        """For a case opened while the car was already in repair: complete it once the order is done."""
        unfinished = self.filtered(lambda case: case.repair_id.state != "done")
        if unfinished:
            raise UserError(self.env._("The repair of %(orders)s is not finished.",
                                       orders=", ".join(unfinished.repair_id.mapped("name"))))
        self._complete()
        return True

    @business_step
    def action_notify_ready(self):
        """Tell the insurer the car is ready for pick-up (the customer is told by the advisor)."""
        for case in self:
            if case.state not in ("completed", "settled") or not case.repair_id.is_ready_for_delivery:
                raise UserError(self.env._(
                    "Work order %(order)s is not ready for pick-up:\n%(blockers)s",
                    order=case.repair_id.name, blockers=case.repair_id.delivery_blockers or "",
                ))
        self._notify_insurer("ready")
        self.write({"ready_notified_date": fields.Datetime.now()})
        return True

    def _check_settlement_documents(self):
        missing = {case: case._missing_documents(("delivery", "settlement")) for case in self}
        missing = {case: documents for case, documents in missing.items() if documents}
        if missing:
            raise UserError(self.env._(
                "The insurer cannot be invoiced yet; documents are missing:\n%(documents)s",
                documents="\n".join(
                    f"{case.name}: {', '.join(documents.type_id.mapped('name'))}" for case, documents in missing.items()
                ),
            ))

    @business_step
    def _settle(self):
        """The order is settled: the insurer and the customer are invoiced (completed → settled).

        The claim documents are checked by the work order's action_settle, before it invoices.
        """
        self.write({"state": "settled", "settled_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # The insurer's shortfall (少赔核销)
    # ------------------------------------------------------------------

    def _insurer_invoices(self):
        """The insurer's posted invoices and credit notes of the case's work order."""
        self.ensure_one()
        return self.repair_id.aftersales_invoice_ids.filtered(
            lambda move: move.state == "posted" and move.aftersales_payer == "insurance"
        )

    def action_open_shortfall_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Insurer Pays Short"),
            "res_model": "aftersales.insurance.shortfall.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_case_id": self.id},
        }

    def _check_shortfall_rights(self):
        """The insurance clerk (or the service manager) writes off what the insurer does not pay."""
        user = self.env.user
        if not (self.env.su or user.has_group("aftersales_insurance.group_insurance_clerk")
                or user.has_group("aftersales_reception.group_service_manager")):
            raise AccessError(self.env._("Only the insurance clerk writes off what an insurer does not pay."))

    def _check_insurer_owes(self, amount):
        self.ensure_one()
        currency = self.currency_id
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(self.env._("The amount the insurer pays short must be positive."))
        owed = self.sudo().amount_insurer_outstanding  # sudo: the clerk reads no accounting documents
        if currency.compare_amounts(amount, owed) > 0:
            raise UserError(self.env._(
                "The insurer owes %(owed)s on case %(case)s: it cannot pay %(amount)s short.",
                owed=currency.format(owed), case=self.name, amount=currency.format(amount),
            ))

    @business_step
    def _record_insurer_shortfall(self, amount, reason):
        """The insurer will not pay ``amount`` of its invoices, for ``reason``: the dealer's loss is written off
        at once, or once its approval is given."""
        self.ensure_one()
        self._check_shortfall_rights()
        if self.state != "settled":
            raise UserError(self.env._("Insurance case %(case)s is not settled: the insurer is not invoiced yet.",
                                       case=self.name))
        if self.writeoff_state != "none":
            raise UserError(self.env._("The shortfall of insurance case %(case)s is already recorded.",
                                       case=self.name))
        if not (reason or "").strip():
            raise UserError(self.env._("Say why the insurer pays short."))
        self._check_insurer_owes(amount)
        self._writeoff_account()
        self.write({"writeoff_state": "to_book", "writeoff_amount": amount, "writeoff_reason": reason.strip()})
        if not self._write_off_waits_for_approval():
            self.action_book_write_off()
        return True

    @business_step
    def action_cancel_write_off(self):
        """The insurer pays after all: nothing is written off."""
        self._check_shortfall_rights()
        for case in self:
            if case.writeoff_state != "to_book":
                raise UserError(self.env._("Nothing of case %(case)s waits to be written off.", case=case.name))
        self.write({"writeoff_state": "none", "writeoff_amount": 0.0, "writeoff_reason": False})
        return True

    def _write_off_waits_for_approval(self):
        """Whether the case's write-off waits for an approval before it is booked (approval rules hook)."""
        return False

    def _check_write_off_approval(self):
        """Refuse to book the write-off while its approval is not given (approval rules hook)."""
        return True

    def _writeoff_account(self):
        account = self.company_id.aftersales_insurance_writeoff_account_id
        if not account:
            raise UserError(self.env._("Set the insurer shortfall account in the after-sales settings."))
        return account

    @business_step
    def action_book_write_off(self):
        """Book the shortfall on the insurer shortfall account against the insurer's receivable (核销)."""
        self._check_shortfall_rights()
        for case in self:
            if case.writeoff_state != "to_book":
                raise UserError(self.env._("Nothing of case %(case)s waits to be written off.", case=case.name))
            account = case._writeoff_account()
            case._check_write_off_approval()
            # The insurer may have paid part of it meanwhile.
            case._check_insurer_owes(case.writeoff_amount)
            entry = case._book_write_off_entry(account)
            case.write({"writeoff_state": "booked", "writeoff_move_id": entry.id})
        return True

    def _book_write_off_entry(self, account):
        """A journal entry moving the shortfall from the insurer's receivable to the loss, reconciled with the
        insurer's invoices."""
        self.ensure_one()
        Move = self.env["account.move"]
        if not Move.has_access("create"):
            Move = Move.sudo()  # sudo: the insurance clerk books the loss as the accountant would
        receivable = self._insurer_invoices().with_env(Move.env).line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        journal = Move.env["account.journal"].search(
            [*Move.env["account.journal"]._check_company_domain(self.company_id), ("type", "=", "general")], limit=1,
        )
        if not journal:
            raise UserError(self.env._("Create a miscellaneous journal to book the write-off."))
        amount = self.writeoff_amount
        label = self.env._("Insurance case %(case)s: the insurer pays short", case=self.name)
        partner = receivable.partner_id[:1]
        entry = Move.create({
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": self.company_id.id,
            "ref": " / ".join(filter(None, [self.name, self.claim_number])),
            "line_ids": [
                Command.create({"account_id": account.id, "partner_id": partner.id, "debit": amount, "credit": 0.0,
                                "name": label, "vehicle_id": self.vehicle_id.id}),
                Command.create({"account_id": receivable[0].account_id.id, "partner_id": partner.id,
                                "debit": 0.0, "credit": amount, "name": label}),
            ],
        })
        entry.action_post()
        (receivable | entry.line_ids.filtered(lambda line: line.account_id == receivable[0].account_id)).reconcile()
        return entry

    def _notify_insurer(self, step):
        """E-mail the insurer's contact the progress step and log it in the case's chatter."""
        template = self.env.ref(PROGRESS_TEMPLATES[step], raise_if_not_found=False)
        for case in self:
            if template and (case.insurer_contact_id or case.insurer_id):
                case.message_post_with_source(template, message_type="comment", subtype_xmlid="mail.mt_comment")

    def action_open_work_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": self.repair_id.id,
            "view_mode": "form",
        }

    def action_print_assessment(self):
        return self.env.ref("aftersales_insurance.action_report_insurance_assessment").report_action(self)
