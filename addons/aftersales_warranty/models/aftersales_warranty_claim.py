from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches

CLAIM_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("partly_approved", "Partly Approved"),
    ("rejected", "Rejected"),
    ("paid", "Paid"),
]
DECIDED_STATES = ("approved", "partly_approved", "rejected")


class AftersalesWarrantyClaim(models.Model):
    """A warranty claim (索赔) to the manufacturer for the warranty jobs of one work order."""

    _name = "aftersales.warranty.claim"
    _description = "Warranty Claim"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.warranty.claim"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(CLAIM_STATES, default="draft", required=True, tracking=True, index=True, copy=False,
                             aftersales_step=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, readonly=True, index=True,
                                check_company=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, index=True)
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    license_plate = fields.Char(related="vehicle_id.license_plate")
    brand_id = fields.Many2one(related="vehicle_id.brand_id", store=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer")
    manufacturer_id = fields.Many2one("res.partner", required=True, index=True,
                                      check_company=True, tracking=True)
    manufacturer_ref = fields.Char(string="Manufacturer Claim No.", tracking=True, copy=False)
    mileage = fields.Float(digits=(16, 0))
    repair_start = fields.Datetime(string="Repair Started")
    repair_end = fields.Datetime(string="Repair Finished")
    deadline_date = fields.Date(string="Submission Deadline", compute="_compute_deadline_date", store=True,
                                index=True)
    is_overdue = fields.Boolean(string="Overdue", copy=False, index=True, aftersales_step=True,
                                help="Set every day for draft claims past the submission deadline.")
    job_ids = fields.Many2many("aftersales.job", "aftersales_warranty_claim_job_rel", "claim_id", "job_id",
                               string="Jobs", readonly=True, check_company=True, copy=False, aftersales_step=True)
    line_ids = fields.One2many("aftersales.warranty.claim.line", "claim_id", string="Lines")
    fault_category_id = fields.Many2one("aftersales.fault.category")
    fault_code = fields.Char()
    causal_part_id = fields.Many2one("product.product")
    complaint = fields.Text(help="The customer's concern.")
    cause = fields.Text()
    correction = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Photos and Documents")
    submitted_date = fields.Date(copy=False, tracking=True, aftersales_step=True)
    resubmission_count = fields.Integer(copy=False, readonly=True, aftersales_step=True)
    # The manufacturer's decision: recorded by _record_decision only.
    decision_date = fields.Date(copy=False, tracking=True, aftersales_step=True)
    reason_id = fields.Many2one("aftersales.warranty.reason", copy=False, tracking=True, aftersales_step=True)
    decision_note = fields.Text(copy=False, aftersales_step=True)
    rebill_customer = fields.Boolean(
        string="Re-bill the Customer", copy=False, tracking=True, aftersales_step=True,
        help="The service manager agreed to bill the customer what the manufacturer does not pay.",
    )
    rebill_approved_by_id = fields.Many2one("res.users", string="Re-billing Approved by", copy=False,
                                            readonly=True, aftersales_step=True)
    # What the manufacturer does not pay and the customer is not billed: the dealer's loss (核销), booked by
    # action_book_write_off, at the decision unless an approval rule holds it.
    writeoff_state = fields.Selection(
        [("none", "None"), ("to_book", "To Write Off"), ("booked", "Written Off")], string="Write-off",
        default="none", required=True, copy=False, tracking=True, aftersales_step=True,
    )
    writeoff_amount = fields.Monetary(
        string="Write-off Amount", copy=False, readonly=True, tracking=True, aftersales_step=True,
        help="The shortfall of the manufacturer's decision that is the dealer's loss, on the write-off account.",
    )
    retained_part_ids = fields.One2many("aftersales.replaced.part", "claim_id", string="Claim Parts")
    move_ids = fields.One2many("account.move", "aftersales_claim_id", string="Accounting Documents", readonly=True)
    amount_claimed = fields.Monetary(string="Claimed", compute="_compute_amounts", store=True)
    amount_approved = fields.Monetary(string="Approved", compute="_compute_amounts", store=True,
                                      aftersales_step=True)
    amount_rejected = fields.Monetary(string="Not Approved", compute="_compute_amounts", store=True,
                                      aftersales_step=True)
    amount_receivable = fields.Monetary(string="Receivable", compute="_compute_receivable", store=True,
                                        help="Invoiced to the manufacturer, less the credit notes.")
    amount_outstanding = fields.Monetary(string="Outstanding", compute="_compute_receivable", store=True)
    amount_paid = fields.Monetary(string="Paid", compute="_compute_receivable", store=True)

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("repair_end", "brand_id.warranty_claim_deadline_days", "company_id.aftersales_claim_deadline_days")
    def _compute_deadline_date(self):
        for claim in self:
            if not claim.repair_end:
                claim.deadline_date = False
                continue
            days = claim.brand_id.warranty_claim_deadline_days or claim.company_id.aftersales_claim_deadline_days
            claim.deadline_date = claim.repair_end.date() + timedelta(days=days)

    @api.depends("line_ids.amount", "line_ids.approved_amount", "state")
    def _compute_amounts(self):
        for claim in self:
            claim.amount_claimed = sum(claim.line_ids.mapped("amount"))
            decided = claim.state in (*DECIDED_STATES, "paid")
            claim.amount_approved = sum(claim.line_ids.mapped("approved_amount")) if decided else 0.0
            claim.amount_rejected = claim.amount_claimed - claim.amount_approved if decided else 0.0

    @api.depends("move_ids.state", "move_ids.amount_total_signed", "move_ids.amount_residual_signed",
                 "move_ids.partner_id", "manufacturer_id")
    def _compute_receivable(self):
        for claim in self:
            moves = claim._manufacturer_moves()
            claim.amount_receivable = sum(moves.mapped("amount_total_signed"))
            claim.amount_outstanding = sum(moves.mapped("amount_residual_signed"))
            claim.amount_paid = claim.amount_receivable - claim.amount_outstanding

    def _manufacturer_moves(self):
        """The claim's posted invoices and credit notes of the manufacturer."""
        self.ensure_one()
        # sudo: whoever follows the claim reads its invoices without accounting rights.
        return self.sudo().move_ids.filtered(
            lambda move: move.state == "posted" and move.partner_id.commercial_partner_id
            == self.manufacturer_id.commercial_partner_id and move.move_type in ("out_invoice", "out_refund")
        )

    # ------------------------------------------------------------------
    # Creation from the work order
    # ------------------------------------------------------------------

    @api.model
    @business_step
    def _create_from_orders(self, orders):
        """One claim per work order from its warranty jobs not claimed yet (a mixed order gives only those)."""
        values = []
        # One read of the jobs of every order rather than one per job.
        orders.job_ids.fetch(["state", "payer", "warranty_claim_ids", "labour_hours", "clocked_hours"])
        for order in orders:
            jobs = order._billable_jobs().filtered(lambda job: job.payer == "warranty" and not job.warranty_claim_ids)
            if not jobs:
                raise UserError(self.env._(
                    "Work order %(order)s has no warranty job left to claim.", order=order.name,
                ))
            values.append(self._prepare_from_order(order, jobs))
        claims = self.create(values)
        # The parts retained from the claimed jobs go with the claim, tagged with its number.
        retained = self.env["aftersales.replaced.part"].search([
            ("job_id", "in", claims.job_ids.ids), ("disposition", "=", "warranty"), ("claim_id", "=", False),
        ])
        for claim in claims:
            retained.filtered(lambda part, c=claim: part.job_id in c.job_ids)._link_claim(claim)
        # The settlement invoice already billed the warranty share: the claim follows it from now on.
        for claim in claims:
            # sudo: the warranty clerk links the settlement's invoices to the claim without accounting rights.
            invoices = claim.repair_id.sudo()._settlement_invoices("warranty")
            if invoices:
                invoices.write({"aftersales_claim_id": claim.id})
        return claims

    @api.model
    def _prepare_from_order(self, order, jobs):
        manufacturer = order._payer_partner("warranty")
        if not manufacturer:
            raise UserError(self.env._(
                "Name the manufacturer of %(brand)s (or the default one in the settings) before claiming.",
                brand=order.vehicle_id.brand_id.name or "-",
            ))
        main_job = jobs.sorted(lambda job: (-job.amount_total, job.id))[:1]
        return {
            "job_ids": [Command.set(jobs.ids)],
            "repair_id": order.id,
            "company_id": order.company_id.id,
            "manufacturer_id": manufacturer.id,
            "mileage": order.check_in_id.odometer or order.vehicle_id.current_mileage,
            "repair_start": order.check_in_id.check_in_date or order.schedule_date,
            "repair_end": order.delivery_date or max(
                (job.done_date for job in jobs if job.done_date), default=False
            ) or fields.Datetime.now(),
            "fault_category_id": main_job.fault_category_id.id,
            "fault_code": main_job.fault_code,
            "causal_part_id": main_job.causal_part_id.id,
            "complaint": "\n".join(jobs.mapped("name")),
            "cause": "\n".join(cause for cause in jobs.mapped("cause") if cause) or False,
            "correction": "\n".join(correction for correction in jobs.mapped("correction") if correction) or False,
            "line_ids": [Command.create(line) for job in jobs for line in self._prepare_job_lines(job)],
        }

    @api.model
    def _prepare_job_lines(self, job):
        """The job's labour (claimed hours capped by the clocked hours) and its parts at reimbursement price."""
        lines = []
        for line in job._billing_lines():
            values = {
                "line_type": line["line_type"],
                "job_id": job.id,
                "sequence": job.sequence,
                "name": line["name"],
                "price_unit": line["price_unit"],
            }
            if line["line_type"] == "labour":
                values.update({
                    "operation_code": job.operation_id.code or False,
                    "clocked_hours": job.clocked_hours,
                    "hours": min(line["quantity"], job.clocked_hours),
                })
            else:
                values.update({"product_id": line["product"].id, "move_id": line["move"].id,
                               "quantity": line["quantity"]})
            lines.append(values)
        return lines

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_editable(self):
        if any(claim.state not in ("draft",) for claim in self):
            raise UserError(self.env._("Only a draft claim can be changed; resubmit a rejected claim to change it."))

    def write(self, vals):
        locked = {"repair_id", "manufacturer_id", "mileage", "repair_start", "repair_end", "fault_category_id",
                  "fault_code", "causal_part_id", "complaint", "cause", "correction"}
        if locked & set(vals):
            self._check_editable()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        if any(claim.state != "draft" for claim in self):
            raise UserError(self.env._("A submitted claim is part of the claim archive and cannot be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------

    @business_step
    def action_submit(self):
        for claim in self:
            if claim.state != "draft":
                raise UserError(self.env._("Claim %(claim)s is already submitted.", claim=claim.name))
            if not claim.line_ids:
                raise UserError(self.env._("Claim %(claim)s claims nothing.", claim=claim.name))
            missing = [label for label, value in (
                (self.env._("the VIN"), claim.vin_sn), (self.env._("the complaint"), claim.complaint),
                (self.env._("the cause"), claim.cause), (self.env._("the correction"), claim.correction),
            ) if not value]
            if missing:
                raise UserError(self.env._(
                    "Claim %(claim)s needs %(missing)s before it is submitted.",
                    claim=claim.name, missing=", ".join(missing),
                ))
        self.write({"state": "submitted", "submitted_date": fields.Date.context_today(self), "is_overdue": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @business_step
    def action_reset_to_draft(self):
        if any(claim.state != "submitted" for claim in self):
            raise UserError(self.env._("Only a submitted claim without decision goes back to draft."))
        self.write({"state": "draft", "submitted_date": False})
        return True

    @business_step
    def action_resubmit(self):
        """A rejected (or partly approved) claim is corrected and goes back to the manufacturer."""
        if any(claim.state not in ("rejected", "partly_approved") for claim in self):
            raise UserError(self.env._("Only a rejected or partly approved claim can be resubmitted."))
        if any(claim.rebill_customer for claim in self):
            raise UserError(self.env._("The customer was billed what the manufacturer refused: the claim is closed."))
        for claim in self:
            values = {"state": "draft", "resubmission_count": claim.resubmission_count + 1, "decision_date": False}
            if claim.writeoff_state == "to_book":
                # Claimed again: the shortfall is no loss yet.
                values.update(writeoff_state="none", writeoff_amount=0.0)
            claim.write(values)
        return True

    def action_open_decision_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manufacturer's Decision"),
            "res_model": "aftersales.claim.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_claim_id": self.id},
        }

    @business_step
    def _record_decision(self, decision, reason=False, approved_amounts=None, note=False, rebill_customer=False):
        """Record the manufacturer's answer and book it.

        ``decision``: approved / partly_approved / rejected; ``approved_amounts``: {claim line: amount}
        for a partial approval. A reduction or rejection needs a reason code.
        """
        self.ensure_one()
        if self.state != "submitted":
            raise UserError(self.env._("Claim %(claim)s waits for no decision.", claim=self.name))
        if decision != "approved" and not reason:
            raise UserError(self.env._("Give the manufacturer's reason code for the reduction or rejection."))
        if rebill_customer and not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager can bill the customer what the manufacturer "
                                         "does not pay."))
        if decision == "approved":
            for line in self.line_ids:
                line.approved_amount = line.amount
        elif decision == "rejected":
            self.line_ids.write({"approved_amount": 0.0, "reason_id": reason.id})
        else:
            approved_amounts = approved_amounts or {}
            for line in self.line_ids:
                line.approved_amount = approved_amounts.get(line, line.amount)
            reduced = self.line_ids.filtered(lambda line: self.currency_id.compare_amounts(
                line.approved_amount, line.amount) < 0)
            if not reduced or self.currency_id.is_zero(sum(self.line_ids.mapped("approved_amount"))):
                raise UserError(self.env._(
                    "A partial approval approves some of the claim but not all: otherwise approve or reject it."
                ))
            reduced.filtered(lambda line: not line.reason_id).reason_id = reason
        self.write({
            "state": decision,
            "reason_id": reason.id if reason else False,
            "decision_note": note,
            "decision_date": fields.Date.context_today(self),
            "rebill_customer": rebill_customer,
            "rebill_approved_by_id": self.env.user.id if rebill_customer else False,
        })
        self._book_decision()
        return True

    # ------------------------------------------------------------------
    # Accounting
    # ------------------------------------------------------------------

    def _book_decision(self):
        """Bring the manufacturer's receivable to the approved amount.

        Below it, the manufacturer is invoiced the difference (the whole approved amount when the order
        was not settled yet); above it, a credit note reconciled with the invoice reverses the difference
        on the write-off account. When the service manager allowed it, what the manufacturer refused is
        billed to the customer instead: that part of the credit note reverses income, and a customer
        invoice bills it.
        """
        self.ensure_one()
        currency = self.currency_id
        Move = self._account_move_model()
        difference = self.amount_approved - self.amount_receivable
        refused = self.amount_claimed - self.amount_approved
        rebilled = refused if self.rebill_customer else 0.0
        if currency.compare_amounts(difference, 0.0) > 0:
            Move.create(self._prepare_manufacturer_move("out_invoice", [(difference, None)])).action_post()
        elif currency.compare_amounts(difference, 0.0) < 0:
            credit = -difference
            income_part = min(credit, rebilled)
            write_off = credit - income_part
            amounts = [(income_part, None)]
            booked = False
            if not currency.is_zero(write_off):
                account = self._writeoff_account()
                self.write({"writeoff_state": "to_book", "writeoff_amount": write_off})
                # Unless the loss waits for its approval, it goes on the same credit note as what is billed to the
                # customer instead.
                booked = not self._write_off_waits_for_approval()
                if booked:
                    amounts.append((write_off, account))
            self._book_manufacturer_credit_note(amounts)
            if booked:
                self.writeoff_state = "booked"
        if not currency.is_zero(rebilled):
            Move.create(self._prepare_manufacturer_move(
                "out_invoice", [(rebilled, None)], partner=self.repair_id.partner_id,
            )).action_post()

    def _account_move_model(self):
        Move = self.env["account.move"]
        if not Move.has_access("create"):
            Move = Move.sudo()  # sudo: a clerk without accounting rights books as the accountant would
        return Move

    def _book_manufacturer_credit_note(self, amounts):
        """Reverse ``amounts`` (amount, account) of the manufacturer's invoices by a credit note reconciled with
        them."""
        self.ensure_one()
        if self.currency_id.is_zero(sum(amount for amount, _account in amounts)):
            return
        invoices = self._manufacturer_moves().filtered(lambda move: move.move_type == "out_invoice")
        credit_note = self._account_move_model().create(
            self._prepare_manufacturer_move("out_refund", amounts, reversed_entry=invoices[:1])
        )
        credit_note.action_post()
        (invoices | credit_note)._aftersales_reconcile_receivables()

    def _writeoff_account(self):
        account = self.company_id.aftersales_warranty_writeoff_account_id
        if not account:
            raise UserError(self.env._("Set the claim write-off account in the after-sales settings."))
        return account

    def _write_off_waits_for_approval(self):
        """Whether the claim's write-off waits for an approval before it is booked (approval rules hook)."""
        return False

    def _check_write_off_approval(self):
        """Refuse to book the write-off while its approval is not given (approval rules hook)."""
        return True

    @business_step
    def action_book_write_off(self):
        """Book the shortfall the manufacturer does not pay on the write-off account (核销)."""
        for claim in self:
            if claim.writeoff_state != "to_book":
                raise UserError(self.env._("Nothing of claim %(claim)s waits to be written off.", claim=claim.name))
            account = claim._writeoff_account()
            claim._check_write_off_approval()
            claim._book_manufacturer_credit_note([(claim.writeoff_amount, account)])
            claim.writeoff_state = "booked"
        self._sync_paid_state()
        return True

    def _prepare_manufacturer_move(self, move_type, amounts, reversed_entry=None, partner=None):
        """An invoice or credit note of the claim: one line per (amount, account) — income when no account."""
        self.ensure_one()
        product = self.repair_id._labour_product()
        lines = []
        for amount, account in amounts:
            if self.currency_id.is_zero(amount):
                continue
            line = {
                "product_id": product.id,
                "name": self.env._("Warranty claim %(claim)s (%(order)s)", claim=self.name,
                                   order=self.repair_id.name),
                "quantity": 1.0,
                "price_unit": amount,
                "vehicle_id": self.vehicle_id.id,
                "aftersales_repair_id": self.repair_id.id,
            }
            if account:
                line["account_id"] = account.id
            lines.append(Command.create(line))
        return {
            "move_type": move_type,
            "partner_id": (partner or self.manufacturer_id).id,
            "company_id": self.company_id.id,
            "invoice_origin": self.name,
            "ref": self.manufacturer_ref or self.name,
            # Not one of the order's settlement documents (they decide the gate pass): the claim's own.
            "aftersales_claim_id": self.id,
            "reversed_entry_id": reversed_entry.id if reversed_entry else False,
            "invoice_line_ids": lines,
        }

    def action_settle_by_credit(self):
        """The manufacturer pays by a credit on the dealer's account with it (parts purchases): the
        outstanding receivable moves to the manufacturer's payable account, where the credit offsets it."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accounting users record the manufacturer's payments."))
        for claim in self:
            if claim.state not in ("approved", "partly_approved"):
                raise UserError(self.env._("Only an approved claim is paid."))
            receivable_lines = claim._manufacturer_moves()._aftersales_open_receivable_lines()
            amount = sum(receivable_lines.mapped("amount_residual"))
            if claim.currency_id.is_zero(amount):
                continue
            partner = claim.manufacturer_id.commercial_partner_id
            journal = self.env["account.journal"].search(
                [*self.env["account.journal"]._check_company_domain(claim.company_id), ("type", "=", "general")],
                limit=1,
            )
            entry = self.env["account.move"].create({
                "move_type": "entry",
                "journal_id": journal.id,
                "company_id": claim.company_id.id,
                "ref": self.env._("Claim %(claim)s paid by the manufacturer's credit", claim=claim.name),
                "line_ids": [
                    Command.create({
                        "account_id": partner.with_company(claim.company_id).property_account_payable_id.id,
                        "partner_id": partner.id, "debit": amount, "credit": 0.0, "name": claim.name,
                    }),
                    Command.create({
                        "account_id": receivable_lines[0].account_id.id,
                        "partner_id": partner.id, "debit": 0.0, "credit": amount, "name": claim.name,
                    }),
                ],
            })
            entry.action_post()
            account = receivable_lines[0].account_id
            (receivable_lines | entry.line_ids.filtered(lambda line, a=account: line.account_id == a)).reconcile()
        self._sync_paid_state()
        return True

    def action_register_payment(self):
        self.ensure_one()
        invoices = self._manufacturer_moves().filtered(
            lambda move: move.move_type == "out_invoice" and move.payment_state not in ("paid", "in_payment")
        )
        if not invoices:
            raise UserError(self.env._("Nothing of claim %(claim)s is left to pay.", claim=self.name))
        return invoices.action_register_payment()

    @business_step
    def _sync_paid_state(self):
        """Approved claims whose receivable is settled become paid."""
        for claim in self.filtered(lambda c: c.state in ("approved", "partly_approved")):
            moves = claim._manufacturer_moves()
            if moves and claim.currency_id.is_zero(sum(moves.mapped("amount_residual_signed"))):
                # sudo: paid follows the accounting; whoever registered the payment need not edit claims.
                claim.sudo().state = "paid"

    def action_sync_payment(self):
        self._sync_paid_state()
        return True

    def action_view_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = Domain("aftersales_claim_id", "=", self.id)
        action["context"] = {"create": False}
        return action

    def action_return_parts(self):
        """Send the claim parts back as the manufacturer asks: one outgoing transfer to it."""
        self.ensure_one()
        parts = self.retained_part_ids.filtered(lambda part: part.state == "retained")
        if not parts:
            raise UserError(self.env._("Claim %(claim)s has no retained part to return.", claim=self.name))
        picking = parts._return_to_manufacturer(self.manufacturer_id)
        self.message_post(body=self.env._("Claim parts returned to the manufacturer on %(picking)s.",
                                          picking=picking.name))
        if not picking.has_access("read"):
            # The warranty clerk sends the parts back; the store's transfer is the parts clerk's to open.
            return True
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.picking",
            "res_id": picking.id,
            "view_mode": "form",
        }

    def action_release_parts(self):
        """The manufacturer released the claim parts: scrap them."""
        self.ensure_one()
        parts = self.retained_part_ids.filtered(lambda part: part.state == "retained")
        if not parts:
            raise UserError(self.env._("Claim %(claim)s has no retained part to release.", claim=self.name))
        parts._release()
        self.message_post(body=self.env._("Claim parts released by the manufacturer and scrapped."))
        return True

    def action_print_part_tags(self):
        self.ensure_one()
        if not self.retained_part_ids:
            raise UserError(self.env._("Claim %(claim)s has no retained part.", claim=self.name))
        return self.env.ref("aftersales_warranty.action_report_retained_part_tag").report_action(
            self.retained_part_ids
        )

    def action_print(self):
        return self.env.ref("aftersales_warranty.action_report_warranty_claim").report_action(self)

    def action_create_quality_feedback(self):
        """The quality feedback report of these claims' failure (质量信息反馈单), to complete and send."""
        Feedback = self.env["aftersales.quality.feedback"]
        feedback = Feedback.create(Feedback._prepare_from_claims(self))
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.quality.feedback",
            "res_id": feedback.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Submission deadline (daily)
    # ------------------------------------------------------------------

    @api.model
    @business_step
    def _cron_watch_deadlines(self):
        """Flag the draft claims past their deadline and remind the warranty clerks of the ones close to it.

        The flags in one statement; the clerks' to-dos in batches, each committed with its claims' to-dos (a
        claim with a to-do is not reminded again), so a run killed in the middle and run again reminds of no
        claim twice and forgets none.
        """
        today = fields.Date.context_today(self)
        self.flush_model(["state", "deadline_date", "is_overdue"])
        self.env.cr.execute(SQL(
            """
            UPDATE aftersales_warranty_claim
               SET is_overdue = (state = 'draft' AND deadline_date < %(today)s)
             WHERE is_overdue IS DISTINCT FROM (state = 'draft' AND deadline_date < %(today)s)
            """,
            today=today,
        ))
        self.invalidate_model(["is_overdue"])
        claims = self.search([("state", "=", "draft"), ("deadline_date", "!=", False)], order="deadline_date, id")
        due = claims.filtered(lambda claim: claim.deadline_date - timedelta(
            days=claim.company_id.aftersales_claim_reminder_days) <= today and not claim.activity_ids)
        process_in_batches(due, self._remind_deadlines)
        process_in_batches(self.search([("state", "in", ("approved", "partly_approved"))], order="id"),
                           lambda approved: approved._sync_paid_state())

    @business_step
    def _remind_deadlines(self, claims):
        """One batch of deadline reminders: a to-do for each warranty clerk of the claim's company."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        clerks_by_company = {}
        activities = []
        for claim in claims:
            if claim.company_id not in clerks_by_company:
                clerks_by_company[claim.company_id] = self.env["res.users"]._aftersales_role_users(
                    "aftersales_warranty.group_warranty_clerk", claim.company_id
                )
            for clerk in clerks_by_company[claim.company_id]:
                activities.append({
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": claim.id,
                    "activity_type_id": todo.id,
                    "user_id": clerk.id,
                    "date_deadline": claim.deadline_date,
                    "summary": self.env._("Submit claim %(claim)s by %(date)s", claim=claim.name,
                                          date=claim.deadline_date),
                })
        self.env["mail.activity"].create(activities)
