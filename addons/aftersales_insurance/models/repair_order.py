from odoo import api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    insurance_case_ids = fields.One2many("aftersales.insurance.case", "repair_id", string="Insurance Cases")
    # Shown on the order; the case is the only owner of the insurer and the claim number.
    insurance_insurer_id = fields.Many2one("res.partner", string="Insurer", compute="_compute_insurance_claim")
    insurance_claim_number = fields.Char(string="Insurance Claim", compute="_compute_insurance_claim")

    # ------------------------------------------------------------------
    # Amounts: the insurer pays the assessment less the excess
    # ------------------------------------------------------------------

    @api.depends("insurance_case_ids.amount_assessed", "insurance_case_ids.excess_amount",
                 "insurance_case_ids.state", "insurance_case_ids.assessment_ids.state",
                 "insurance_case_ids.assessment_override_date")
    def _compute_aftersales_amounts(self):
        return super()._compute_aftersales_amounts()

    def _insurance_cases(self):
        """The orders' cases, with the orders' authority: the workshop sees no cases and the cashier only reads
        them, but their steps move them along and the delivery blockers read them."""
        return self.sudo().insurance_case_ids  # sudo: workshop and cashier steps move the case beyond their rights

    def _insurance_case(self):
        self.ensure_one()
        return self._insurance_cases()[:1]

    def _amounts_by_payer(self, jobs=None):
        amounts = super()._amounts_by_payer(jobs)
        case = self._insurance_case()
        if case and "insurance" in amounts:
            insurer, customer = case._split_insurance_amount(amounts["insurance"])
            amounts["insurance"] = insurer
            if customer:
                amounts["customer"] = amounts.get("customer", 0.0) + customer
        return amounts

    def _approved_amounts_by_payer(self):
        """The insurer's agreed assessment is its approval; the excess is the policy's, not a new cost."""
        approved = super()._approved_amounts_by_payer()
        case = self._insurance_case()
        if case and case._insurer_may_be_invoiced():
            if "insurance" in approved:
                approved["insurance"] = max(approved["insurance"], case.amount_insurer)
            if "customer" in approved:
                # What the customer pays of the insurance jobs is agreed on the case (excess, extra_agreed).
                approved["customer"] += case.amount_customer
        return approved

    @api.depends("insurance_case_ids.insurer_id", "insurance_case_ids.claim_number")
    def _compute_insurance_claim(self):
        for order in self:
            case = order._insurance_case()
            order.insurance_insurer_id = case.insurer_id
            order.insurance_claim_number = case.claim_number

    # ------------------------------------------------------------------
    # Settlement hooks: the case names the insurer and moves the excess to the customer
    # ------------------------------------------------------------------

    def _payer_partner(self, payer):
        if payer != "insurance":
            return super()._payer_partner(payer)
        insurer = self._insurance_case().insurer_id
        # Insurers settle claims at their invoicing address (the claims centre), not the branch.
        return insurer.browse(insurer.address_get(["invoice"])["invoice"]) if insurer else insurer

    def _settlement_reference(self, payer):
        case = self._insurance_case()
        if payer != "insurance" or not case:
            return super()._settlement_reference(payer)
        return " / ".join(filter(None, [case.claim_number, case.policy_number])) or case.name

    def _settlement_extra_lines(self, payer):
        """The excess and the amount above the assessment move from the insurer's invoice to the customer's:
        both invoices together still bill the insurance jobs exactly once."""
        lines = super()._settlement_extra_lines(payer)
        if payer == "customer":
            lines += self._insurance_transfer_lines(1)
        elif payer == "insurance":
            lines += self._insurance_transfer_lines(-1)
        return lines

    def _insurance_transfer_lines(self, sign):
        """Lines moving the excess and the amount above the assessment from the insurer to the customer
        (sign -1 on the insurer's invoice, +1 on the customer's)."""
        self.ensure_one()
        case = self._insurance_case()
        if not case or self.company_currency_id.is_zero(case.amount_customer):
            return []
        excess = min(case.excess_amount, case.amount_repair - case.amount_above_assessment)
        common = {
            "product_id": self._labour_product().id,
            "quantity": 1.0,
            "vehicle_id": self.vehicle_id.id,
            "aftersales_repair_id": self.id,
        }
        lines = []
        if not self.company_currency_id.is_zero(excess):
            lines.append({**common, "price_unit": sign * excess, "name": self.env._(
                "Excess of insurance claim %(claim)s", claim=case.claim_number or case.name,
            )})
        if not self.company_currency_id.is_zero(case.amount_above_assessment):
            lines.append({**common, "price_unit": sign * case.amount_above_assessment, "name": self.env._(
                "Repair above the insurer's assessment (claim %(claim)s)", claim=case.claim_number or case.name,
            )})
        return lines

    def _check_settleable(self):
        # Checked first so that a refused settlement leaves no invoice behind.
        self._check_insurer_may_be_invoiced()
        self._insurance_cases()._check_settlement_documents()
        return super()._check_settleable()

    def _on_settled(self):
        result = super()._on_settled()
        self._insurance_cases()._settle()
        return result

    # ------------------------------------------------------------------
    # Progress and delivery
    # ------------------------------------------------------------------

    @api.depends("insurance_case_ids.amount_insurer", "insurance_case_ids.amount_customer")
    def _compute_approval_state(self):
        return super()._compute_approval_state()

    @api.depends("insurance_case_ids.state", "insurance_case_ids.assessment_pending",
                 "insurance_case_ids.assessment_override_date",
                 "insurance_case_ids.amount_above_assessment", "insurance_case_ids.extra_agreed",
                 "insurance_case_ids.document_ids.is_received", "insurance_case_ids.document_ids.required_for")
    def _compute_delivery_blockers(self):
        return super()._compute_delivery_blockers()

    def _get_delivery_blockers(self):
        blockers = super()._get_delivery_blockers()
        case = self._insurance_case()
        if not case:
            return blockers
        if not case._insurer_may_be_invoiced():
            blockers.append(self.env._("The insurer has not assessed the damage (case %(case)s).", case=case.name))
        pending = case.assessment_ids.filtered(lambda a: a.state in ("draft", "submitted"))
        if pending:
            blockers.append(self.env._("The insurer has not agreed %(assessments)s.",
                                       assessments=", ".join(pending.mapped("name"))))
        if case.amount_above_assessment and not case.extra_agreed:
            blockers.append(self.env._(
                "The repair costs %(amount)s above the insurer's assessment: the customer has not agreed to pay it.",
                amount=case.amount_above_assessment,
            ))
        if self.state == "done" and case._insurer_may_be_invoiced() and case.state not in ("completed", "settled"):
            blockers.append(self.env._("Complete the insurance case %(case)s.", case=case.name))
        missing = case._missing_documents(("delivery",))
        if missing:
            blockers.append(self.env._("Insurance documents are missing: %(documents)s",
                                       documents=", ".join(missing.type_id.mapped("name"))))
        return blockers

    def action_repair_start(self):
        self._insurance_cases().filtered(lambda case: case.state != "repairing").action_start_repair()
        return super().action_repair_start()

    def action_repair_done(self):
        result = super().action_repair_done()
        cases = self._insurance_cases().filtered(lambda case: case.state == "repairing")
        cases._complete()
        # Ready at once (nothing else blocks delivery): the insurer hears it together with the completion.
        cases.filtered(lambda case: case.repair_id.is_ready_for_delivery).action_notify_ready()
        return result

    def _check_insurer_may_be_invoiced(self):
        """The insurer is invoiced only on its case's agreed assessment (or the service manager's override)."""
        for order in self:
            jobs = order._billable_jobs().filtered(lambda job: job.payer == "insurance")
            if order.company_currency_id.is_zero(sum(jobs.mapped("amount_total"))):
                continue
            case = order._insurance_case()
            if not case:
                raise UserError(self.env._(
                    "Work order %(order)s has insurance jobs but no insurance case: the insurer is invoiced only "
                    "on a case with an agreed assessment. Open the case, or change the payer of the jobs.",
                    order=order.name,
                ))
            if not case._insurer_may_be_invoiced():
                raise UserError(self.env._(
                    "The insurer has not agreed the assessment of case %(case)s: work order %(order)s cannot be "
                    "invoiced to it. Have the assessment agreed, or ask the service manager to invoice without "
                    "assessment.",
                    case=case.name, order=order.name,
                ))

    def action_view_insurance_case(self):
        self.ensure_one()
        action = {
            "type": "ir.actions.act_window",
            "name": self.env._("Insurance Case"),
            "res_model": "aftersales.insurance.case",
            "view_mode": "form",
            "context": {"default_repair_id": self.id},
        }
        if self.insurance_case_ids:
            action["res_id"] = self.insurance_case_ids[:1].id
        return action
