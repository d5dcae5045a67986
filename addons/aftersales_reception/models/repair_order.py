from collections import defaultdict
from datetime import timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import format_amount, format_datetime

from ..tools import business_step, process_in_batches
from ..tools.lock import lock_records
from .aftersales_job import DECISION_CHANNELS, PAYERS, PRICES_GROUP
from .aftersales_settlement_mixin import PAID_STATES, PAYMENT_METHODS

# Fields that may still change once an order is settled: payment, delivery and gate pass
# (other modules add theirs through _settled_writable_fields).
SETTLED_WRITABLE_FIELDS = {
    "credit_allowed", "credit_allowed_by_id", "gate_pass_date", "gate_pass_user_id",
    "delivery_date", "delivery_mileage", "delivered_by_id", "next_service_date", "next_service_mileage",
    "followup_preferred_date", "message_main_attachment_id", "activity_ids", "message_follower_ids",
    "settlement_date",
}


# Words of a job's name that make it a maintenance (保养) visit.
MAINTENANCE_WORDS = ("保养", "首保", "定保", "maintenance", "oil change")


# The work order's place in the visit, read on its status bar and its boards; other modules insert theirs
# (waiting for parts, waiting for the quality check) through _aftersales_stage.
AFTERSALES_STAGES = [
    ("reception", "Check-in"),
    ("quotation", "Quotation"),
    ("confirmed", "Confirmed"),
    ("in_repair", "In Repair"),
    ("ready", "Ready for Delivery"),
    ("delivered", "Car Delivered"),
    ("settled", "Settled"),
    ("closed", "Car Left"),
    ("not_repaired", "Not Repaired"),
    ("cancel", "Cancelled"),
]

# Why a car leaves without being repaired (the exit notice, 出厂通知单).
NOT_REPAIRED_REASONS = [
    ("customer_declined", "Customer Declined the Repair"),
    ("cannot_repair", "Cannot Be Repaired Here"),
]


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.step.mixin", "aftersales.settlement.mixin",
                "aftersales.customer.message.mixin"]

    # Odoo's repair states move only through the order's steps on after-sales orders.
    state = fields.Selection(aftersales_step=True)
    is_aftersales = fields.Boolean(
        string="After-sales Order", readonly=True, index=True, copy=True,
        help="A work order of the after-sales department, opened from a check-in or the After-sales app: the "
             "department's steps, payers and settlement apply to it. Other repairs keep Odoo's behaviour.",
    )
    vehicle_id = fields.Many2one(
        "fleet.vehicle", index="btree_not_null", check_company=True, tracking=True,
        domain="[('vehicle_usage', '=', 'customer')]",
    )
    license_plate = fields.Char(related="vehicle_id.license_plate")
    check_in_id = fields.Many2one("aftersales.check.in", string="Check-in", copy=False, index="btree_not_null",
                                  check_company=True)
    mileage_in = fields.Float(related="check_in_id.odometer", string="Mileage In")
    promised_date = fields.Datetime(string="Promised Time", tracking=True, copy=False, aftersales_step=False)
    payment_method = fields.Selection([*PAYMENT_METHODS, ("credit", "On Account")], tracking=True)
    repair_category_id = fields.Many2one(
        "aftersales.repair.category", compute="_compute_repair_category_id", store=True,
        readonly=False, precompute=True, tracking=True, index="btree_not_null", check_company=True,
        help="The kind of work (maintenance, body and paint, accident...) the visit and its revenue are counted "
             "under; proposed from the jobs' payers and names, needed to confirm the order.",
    )
    repair_category_chosen = fields.Boolean(
        copy=False, help="The category was chosen by a user: the proposal from the jobs no longer replaces it.",
    )
    job_ids = fields.One2many("aftersales.job", "repair_id", string="Jobs", copy=True)
    approval_ids = fields.One2many("aftersales.approval", "repair_id", string="Approvals", copy=False)

    # The five confirmations (五项确认) before the customer signs.
    confirm_jobs = fields.Boolean(string="Jobs Confirmed", copy=False)
    confirm_estimate = fields.Boolean(string="Estimate Confirmed", copy=False)
    confirm_promised_time = fields.Boolean(string="Promised Time Confirmed", copy=False)
    replaced_parts_disposal = fields.Selection(
        [("customer_keeps", "Customer Keeps Them"), ("dealer_disposes", "Dealer Disposes of Them")],
        string="Replaced Parts", copy=False,
        help="Parts replaced under warranty always go back to the manufacturer.",
    )
    car_wash = fields.Selection([("wash", "Wash"), ("no_wash", "No Wash")], copy=False)

    # What the payers are charged: for the roles that deal with money, not for the workshop floor.
    amount_labour = fields.Monetary(string="Labour Amount", compute="_compute_aftersales_amounts", store=True,
                                    currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_parts = fields.Monetary(string="Parts Amount", compute="_compute_aftersales_amounts", store=True,
                                   currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_total = fields.Monetary(string="Total", compute="_compute_aftersales_amounts", store=True,
                                   currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_customer = fields.Monetary(string="Customer Share", compute="_compute_aftersales_amounts",
                                      store=True, currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_warranty = fields.Monetary(string="Warranty Share", compute="_compute_aftersales_amounts",
                                      store=True, currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_insurance = fields.Monetary(string="Insurance Share", compute="_compute_aftersales_amounts",
                                       store=True, currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_internal = fields.Monetary(string="Internal Share", compute="_compute_aftersales_amounts",
                                      store=True, currency_field="company_currency_id", groups=PRICES_GROUP)
    amount_goodwill = fields.Monetary(string="Goodwill Share", compute="_compute_aftersales_amounts",
                                      store=True, currency_field="company_currency_id", groups=PRICES_GROUP)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")

    # What the customer is asked to approve: the approved work plus the proposed estimate jobs.
    estimate_labour = fields.Monetary(string="Estimated Labour", compute="_compute_estimate",
                                      currency_field="company_currency_id", groups=PRICES_GROUP)
    estimate_parts = fields.Monetary(string="Estimated Parts", compute="_compute_estimate",
                                     currency_field="company_currency_id", groups=PRICES_GROUP)
    estimate_total = fields.Monetary(string="Estimated Total", compute="_compute_estimate",
                                     currency_field="company_currency_id", groups=PRICES_GROUP)
    estimate_customer = fields.Monetary(string="Estimated Customer Share", compute="_compute_estimate",
                                        currency_field="company_currency_id", groups=PRICES_GROUP)
    estimate_other_payers = fields.Monetary(
        string="Estimated Other Payers", compute="_compute_estimate", currency_field="company_currency_id",
        help="Warranty, insurance, internal and goodwill shares of the estimate.", groups=PRICES_GROUP,
    )

    approval_state = fields.Selection(
        [("to_approve", "To Approve"), ("approved", "Approved"), ("reapproval", "New Approval Needed")],
        compute="_compute_approval_state",
    )
    is_ready_for_delivery = fields.Boolean(compute="_compute_delivery_blockers")
    delivery_blockers = fields.Text(compute="_compute_delivery_blockers")

    delivery_date = fields.Datetime(copy=False, tracking=True, aftersales_step=True)
    delivery_mileage = fields.Float(string="Mileage Out", copy=False, aftersales_step=True)
    delivered_by_id = fields.Many2one("res.users", string="Handed Over by", copy=False, aftersales_step=True)
    next_service_date = fields.Date(copy=False, aftersales_step=False)
    next_service_mileage = fields.Float(copy=False)
    followup_preferred_date = fields.Datetime(
        string="Follow-up Call Preferred", copy=False, aftersales_step=False,
        help="When the customer prefers the follow-up call.",
    )

    aftersales_invoice_ids = fields.One2many("account.move", "aftersales_repair_id", string="Settlement Entries",
                                             copy=False)
    settlement_date = fields.Datetime(copy=False, tracking=True, aftersales_step=True)
    is_settled = fields.Boolean(compute="_compute_settlement", store=True)
    is_customer_paid = fields.Boolean(compute="_compute_is_customer_paid", compute_sudo=True,
                                      search="_search_is_customer_paid")
    customer_amount_due = fields.Monetary(
        string="Amount Due", compute="_compute_customer_amount_due", compute_sudo=True,
        currency_field="company_currency_id", help="What the customer still owes on the settlement's invoices.",
        groups=PRICES_GROUP,
    )
    credit_allowed = fields.Boolean(copy=False, tracking=True, aftersales_step=True,
                                    help="The service manager lets the car leave before the customer paid.")
    credit_allowed_by_id = fields.Many2one("res.users", copy=False, aftersales_step=True)
    gate_pass_date = fields.Datetime(string="Gate Pass Issued", copy=False, tracking=True, aftersales_step=True)
    gate_pass_user_id = fields.Many2one("res.users", string="Gate Pass Issued by", copy=False, aftersales_step=True)
    is_closed = fields.Boolean(compute="_compute_settlement", store=True)
    aftersales_stage = fields.Selection(
        AFTERSALES_STAGES, string="Stage", compute="_compute_aftersales_stage", store=True, index=True,
        group_expand="_group_expand_aftersales_stage", aftersales_step=True,
        help="Where the car is in the visit: check-in, quotation, confirmed, in repair, ready for delivery, "
             "delivered, settled and gate pass issued.",
    )
    repair_steps_by_advisor = fields.Boolean(
        compute="_compute_repair_steps_by_advisor",
        help="Whether the advisor starts and ends the repair himself: when no workshop addon does it through "
             "the technicians' clocks and the quality check.",
    )
    has_pending_additional_work = fields.Boolean(compute="_compute_has_pending_additional_work")

    # Customer notices: each sent once, by its step (the button or the scheduled run).
    car_ready_notice_date = fields.Datetime(
        string="Car-ready Notice Sent", copy=False, readonly=True, aftersales_step=True,
        help="When the customer was told the car is ready to be picked up.",
    )
    delay_notice_date = fields.Datetime(string="Delay Notice Sent", copy=False, readonly=True, aftersales_step=True)
    delay_reason = fields.Text(string="Reason for the Delay", copy=False, readonly=True, aftersales_step=True)
    delay_alert_date = fields.Datetime(
        string="Delay To-do Given", copy=False, readonly=True, aftersales_step=True,
        help="When the advisor was asked to tell the customer of a delay: the promised time is near and the "
             "work is not finished.",
    )
    approval_request_date = fields.Datetime(
        string="Approval Asked", copy=False, readonly=True, aftersales_step=True,
        help="When the customer was last sent the additional work waiting for an approval.",
    )
    is_large_job = fields.Boolean(
        string="Large Job", compute="_compute_is_large_job",
        help="The promised time is more than the settings' days after the work order's date: the customer is "
             "told earlier that the car is ready.",
    )

    # The key cabinet (钥匙柜): the key tag and who has the key now.
    parking_spot = fields.Char(
        compute="_compute_parking_spot", store=True, readonly=False,
        help="Where the car is parked or which bay it is in, first as the check-in sheet has it: written on the "
             "key tag.",
    )
    key_log_ids = fields.One2many("aftersales.key.log", "repair_id", string="Key Cabinet Log", copy=False)
    key_holder_id = fields.Many2one(
        "res.users", string="Key Out with", compute="_compute_key_holder",
        help="Who took the car's key out of the key cabinet and has not returned it yet.",
    )

    # Delivery: the advisor's final check and the delivery explanation sheet (交车说明单).
    delivery_check_ids = fields.One2many("aftersales.delivery.check", "repair_id", string="Final Check",
                                         copy=False)
    usage_advice = fields.Text(
        copy=False,
        help="What the customer should mind after this visit (e.g. new brake pads: keep a distance while they "
             "bed in): printed on the delivery explanation sheet.",
    )

    guarantee_end_date = fields.Date(
        string="Guaranteed until", compute="_compute_guarantee",
        help="The dealer's repair guarantee (质量保证书) from the delivery: this date or the mileage, whichever "
             "comes first.",
    )
    guarantee_end_mileage = fields.Float(string="Guaranteed up to (km)", compute="_compute_guarantee")

    # The diagnosis report (诊断报告单) and the exit of a car that is not repaired.
    diagnosis = fields.Text(help="What the diagnosis found: printed on the diagnosis report for the customer.")
    not_repaired_reason = fields.Selection(NOT_REPAIRED_REASONS, copy=False, tracking=True, aftersales_step=True)
    not_repaired_note = fields.Text(string="Not Repaired Because", copy=False, aftersales_step=True)
    not_repaired_date = fields.Datetime(string="Not Repaired on", copy=False, aftersales_step=True)
    not_repaired_user_id = fields.Many2one("res.users", string="Not Repaired Recorded by", copy=False,
                                           aftersales_step=True)

    _aftersales_vehicle = models.Constraint(
        "CHECK(NOT is_aftersales OR vehicle_id IS NOT NULL)",
        "An after-sales work order is for a vehicle: choose the vehicle.",
    )
    # The work orders' board and every read in repair's order (priority, newest first) over years of orders:
    # the first page is read off this index instead of sorting every order (the list's own order by date has
    # repair's index).
    _aftersales_list_order_index = models.Index("(priority, create_date) WHERE is_aftersales IS TRUE")
    # The boards and the workshop's filters read the orders still in the flow, a few dozen among years of
    # orders that have left.
    _aftersales_open_index = models.Index(
        "(aftersales_stage) WHERE is_aftersales IS TRUE"
        " AND (aftersales_stage NOT IN ('closed', 'cancel') OR aftersales_stage IS NULL)"
    )
    # The cashier's To Collect list: settled orders by delivery date, walked in that order until a page of unpaid
    # ones is found (a few in a hundred are still unpaid), not every settled order sorted.
    _aftersales_to_collect_index = models.Index(
        "(delivery_date, promised_date, id) WHERE is_aftersales IS TRUE AND is_settled IS TRUE"
    )
    _promised_after_schedule = models.Constraint(
        "CHECK(promised_date IS NULL OR promised_date >= schedule_date)",
        "The promised time cannot be before the work order's date.",
    )

    @api.constrains("promised_date", "schedule_date")
    def _check_promised_date(self):
        # The database refuses it too; this says it in the user's words first.
        for order in self.filtered(lambda o: o.promised_date and o.schedule_date):
            if order.promised_date < order.schedule_date:
                raise ValidationError(self.env._(
                    "The promised time %(promised)s of %(order)s is before the work order's date %(date)s.",
                    promised=format_datetime(self.env, order.promised_date), order=order.name,
                    date=format_datetime(self.env, order.schedule_date),
                ))

    @api.constrains("next_service_mileage", "next_service_date", "delivery_mileage", "delivery_date")
    def _check_next_service(self):
        for order in self:
            if order.next_service_mileage and order.next_service_mileage <= order.delivery_mileage:
                raise ValidationError(self.env._("The next service mileage must be beyond the mileage out."))
            if order.next_service_date and order.delivery_date and \
                    order.next_service_date <= order.delivery_date.date():
                raise ValidationError(self.env._("The next service date must be after the delivery."))

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    # Not on the jobs' states: the approval that sets them does not change what the order is.
    @api.depends("is_aftersales", "job_ids.payer", "job_ids.name")
    def _compute_repair_category_id(self):
        # Proposed from the jobs while the order is a draft, until a user chooses one; an order past the draft
        # keeps its category (an empty one is still proposed).
        for order in self:
            current = order.repair_category_id
            if not order.is_aftersales or order.repair_category_chosen or (current and order.state != "draft"):
                order.repair_category_id = current
                continue
            category = order.env["aftersales.repair.category"]._for_code(
                order._aftersales_default_repair_category_code(), order.company_id or order.env.company,
            )
            order.repair_category_id = category or current

    def _aftersales_default_repair_category_code(self):
        """The code of the repair category proposed for the order (hook: other modules refine it, e.g. from an
        insurance case or a warranty claim). Payers first: insurance means an accident, warranty a claim, only
        internal jobs internal work; then a maintenance job; else a general repair."""
        self.ensure_one()
        jobs = self.job_ids.filtered(lambda job: job.state != "declined")
        payers = set(jobs.mapped("payer"))
        if "insurance" in payers:
            return "accident"
        if "warranty" in payers:
            return "warranty"
        if payers == {"internal"}:
            return "internal"
        if any(word in (name or "").lower() for name in jobs.mapped("name") for word in MAINTENANCE_WORDS):
            return "maintenance"
        return "general"

    @api.depends("job_ids.amount_total", "job_ids.labour_amount", "job_ids.parts_amount", "job_ids.state",
                 "job_ids.payer")
    def _compute_aftersales_amounts(self):
        for order in self:
            jobs = order._billable_jobs()
            order.amount_labour = sum(jobs.mapped("labour_amount"))
            order.amount_parts = sum(jobs.mapped("parts_amount"))
            order.amount_total = order.amount_labour + order.amount_parts
            shares = order._amounts_by_payer(jobs)
            for payer, _label in PAYERS:
                order[f"amount_{payer}"] = shares.get(payer, 0.0)

    @api.depends("job_ids.amount_total", "job_ids.labour_amount", "job_ids.parts_amount", "job_ids.state",
                 "job_ids.payer", "job_ids.is_additional")
    def _compute_estimate(self):
        for order in self:
            jobs = order._estimate_jobs()
            order.estimate_labour = sum(jobs.mapped("labour_amount"))
            order.estimate_parts = sum(jobs.mapped("parts_amount"))
            order.estimate_total = order.estimate_labour + order.estimate_parts
            order.estimate_customer = order._amounts_by_payer(jobs).get("customer", 0.0)
            order.estimate_other_payers = order.estimate_total - order.estimate_customer

    @api.depends("approval_ids", "amount_total", "job_ids.state")
    def _compute_approval_state(self):
        for order in self:
            if not order.approval_ids:
                order.approval_state = "to_approve"
            elif order._payers_over_tolerance():
                order.approval_state = "reapproval"
            else:
                order.approval_state = "approved"

    @api.depends("state", "job_ids.state", "approval_ids", "amount_total", "move_ids.state", "not_repaired_date")
    def _compute_delivery_blockers(self):
        for order in self:
            # A car leaving unrepaired is settled (its diagnosis fee) as it is: nothing to finish first.
            blockers = [] if order.not_repaired_date else order._get_delivery_blockers()
            order.is_ready_for_delivery = not blockers
            order.delivery_blockers = "\n".join(blockers)

    @api.depends("settlement_date", "gate_pass_date")
    def _compute_settlement(self):
        for order in self:
            order.is_settled = bool(order.settlement_date)
            order.is_closed = bool(order.gate_pass_date)

    @api.depends("is_aftersales", "state", "job_ids.state", "delivery_date", "settlement_date", "gate_pass_date",
                 "not_repaired_date")
    def _compute_aftersales_stage(self):
        for order in self:
            order.aftersales_stage = order._aftersales_stage() if order.is_aftersales else False

    def _aftersales_stage(self):
        """The stage of an after-sales order from the facts its steps recorded; other modules refine it."""
        self.ensure_one()
        if self.not_repaired_date:
            return "closed" if self.gate_pass_date else "not_repaired"
        if self.state == "cancel":
            return "cancel"
        if self.gate_pass_date:
            return "closed"
        if self.delivery_date:
            return "settled" if self.settlement_date else "delivered"
        if self.state == "done":
            return "ready"
        if self.state == "under_repair":
            return "in_repair"
        if self.state == "confirmed":
            return "confirmed"
        return "quotation" if self.job_ids else "reception"

    @api.model
    def _group_expand_aftersales_stage(self, stages, domain):
        # Every stage of the flow is a column of the boards, in the flow's order, even when empty; a board
        # showing part of the flow names its stages in its action's context.
        shown = self.env.context.get("aftersales_board_stages")
        return [
            stage for stage, _label in self._fields["aftersales_stage"].selection
            if stage != "cancel" and (not shown or stage in shown)
        ]

    def _compute_repair_steps_by_advisor(self):
        self.repair_steps_by_advisor = True

    @api.depends("promised_date", "schedule_date", "company_id.aftersales_large_job_days")
    def _compute_is_large_job(self):
        for order in self:
            order.is_large_job = bool(order.promised_date and order.schedule_date) and (
                order.promised_date - order.schedule_date
                > timedelta(days=order.company_id.aftersales_large_job_days)
            )

    @api.depends("job_ids.state", "job_ids.is_additional")
    def _compute_has_pending_additional_work(self):
        for order in self:
            order.has_pending_additional_work = any(
                job.state == "proposed" and job.is_additional for job in order.job_ids
            )

    @api.depends("settlement_date", "aftersales_invoice_ids.payment_state")
    def _compute_is_customer_paid(self):
        for order in self:
            customer_invoices = order._settlement_invoices("customer")
            order.is_customer_paid = bool(order.settlement_date) and all(
                invoice.payment_state in PAID_STATES for invoice in customer_invoices
            )

    def _search_is_customer_paid(self, operator, value):
        if operator != "in":
            return NotImplemented
        # sudo: like the compute, the search reads the invoices whoever asks (advisors hold no accounting rights)
        unpaid_invoices = self.env["account.move"].sudo()._search([
            ("aftersales_repair_id", "!=", False), ("aftersales_payer", "=", "customer"), ("state", "!=", "cancel"),
            ("payment_state", "not in", PAID_STATES),
        ])
        paid = Domain("settlement_date", "!=", False) & Domain(
            "id", "not in", unpaid_invoices.subselect("aftersales_repair_id")
        )
        if True in value:
            return Domain.TRUE if False in value else paid
        return ~paid if False in value else Domain.FALSE

    @api.depends("aftersales_invoice_ids.amount_residual", "aftersales_invoice_ids.state")
    def _compute_customer_amount_due(self):
        for order in self:
            order.customer_amount_due = sum(order._customer_open_invoices().mapped("amount_residual"))

    # ------------------------------------------------------------------
    # Amounts per payer
    # ------------------------------------------------------------------

    def _billable_jobs(self):
        """Jobs the payers pay for: approved or done (proposed and declined ones are not)."""
        return self.job_ids.filtered(lambda job: job.state in ("approved", "done"))

    def _estimate_jobs(self):
        """Jobs an approval of the estimate covers: the billable ones and the proposed estimate jobs
        (additional work is decided on its own)."""
        return self.job_ids.filtered(
            lambda job: job.state in ("approved", "done") or (job.state == "proposed" and not job.is_additional)
        )

    def _amounts_by_payer(self, jobs=None):
        self.ensure_one()
        amounts = defaultdict(float)
        for job in jobs if jobs is not None else self._billable_jobs():
            amounts[job.payer] += job.amount_total
        return dict(amounts)

    def _approved_amounts_by_payer(self):
        """The latest approved amount of each payer."""
        self.ensure_one()
        approved = {}
        for approval in self.approval_ids.sorted(lambda a: (a.approval_date, a.id)):
            approved[approval.payer] = approval.amount
        return approved

    def _payers_over_tolerance(self):
        """Payers whose share exceeds their approved amount by more than the tolerance."""
        self.ensure_one()
        tolerance = self.company_id.aftersales_estimate_tolerance / 100.0
        # sudo: the approval state and the delivery blockers show to the workshop floor, which reads no amounts.
        order = self.sudo()
        approved = order._approved_amounts_by_payer()
        currency = self.company_currency_id
        return [
            payer for payer, amount in order._amounts_by_payer().items()
            if payer in approved and currency.compare_amounts(amount, approved[payer] * (1 + tolerance)) > 0
        ]

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def _check_aftersales_editable(self):
        settled = self.filtered("settlement_date")
        if settled:
            raise UserError(self.env._(
                "Work order %(orders)s is settled: its jobs, parts and amounts can no longer change.",
                orders=", ".join(settled.mapped("name")),
            ))

    def copy(self, default=None):
        copies = super().copy(default)
        for order, copy in zip(self, copies, strict=True):
            # Odoo copies the part lines with the original's job on them: they follow the copied jobs.
            for old_job, new_job in zip(order.job_ids, copy.job_ids, strict=False):
                moves = copy.move_ids.filtered(lambda move, job=old_job: move.aftersales_job_id == job)
                moves.aftersales_job_id = new_job
        return copies

    def _aftersales_step_guarded_records(self):
        return self.filtered("is_aftersales")

    @api.model
    def _aftersales_step_guards_values(self, vals):
        return bool(vals.get("is_aftersales"))

    @api.model
    def _check_aftersales_vehicle(self, vehicle_id):
        # The database refuses it too; this says it in the user's words first.
        if not vehicle_id:
            raise ValidationError(self.env._("An after-sales work order is for a vehicle: choose the vehicle."))

    def _check_no_repair_billing(self, vals):
        """After-sales orders are billed by their settlement, per payer: never through Odoo's quotation
        or its warranty checkbox, so that an order can never be billed twice."""
        if vals.get("sale_order_id") or vals.get("sale_order_line_id") or vals.get("under_warranty"):
            raise UserError(self.env._(
                "An after-sales work order is billed by its settlement, one invoice per payer: it takes no "
                "quotation and no warranty checkbox (each job's payer says who pays)."
            ))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The kind of order is decided when it is opened: by the after-sales entry points (check-in,
            # the After-sales app), else by whether it is for a customer's vehicle.
            if "is_aftersales" not in vals:
                vals["is_aftersales"] = self.env.context.get("default_is_aftersales", bool(vals.get("vehicle_id")))
            if vals.get("repair_category_id"):
                vals["repair_category_chosen"] = True
            if vals["is_aftersales"]:
                self._check_aftersales_vehicle(vals.get("vehicle_id"))
                self._check_no_repair_billing(vals)
                self._check_repair_operation_type(vals)
                # The dealer's own numbering (GD26120001), not the warehouse's repair prefix.
                if not vals.get("name") or vals["name"] == "New":
                    vals["name"] = self.env["ir.sequence"].with_company(vals.get("company_id")).next_by_code(
                        "aftersales.work.order"
                    ) or "New"
        return super().create(vals_list)

    @api.model
    def _check_repair_operation_type(self, vals):
        """Odoo numbers and stocks a work order through its warehouse's repair operation type: without
        one it fails with a database error, so say what is missing first."""
        if vals.get("picking_type_id"):
            return
        company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
        if not self.env["stock.picking.type"].search_count(
            [("code", "=", "repair_operation"), ("company_id", "=", company.id)], limit=1
        ):
            raise UserError(self.env._(
                "%(company)s has no warehouse with a repair operation type, so work orders cannot be opened "
                "there. Ask the administrator to create the company's warehouse (Inventory > Configuration > "
                "Warehouses) first.", company=company.name,
            ))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_aftersales_manager(self):
        # Inventory users (advisors, foreman, store clerks) may delete repairs in Odoo; an after-sales
        # work order is the customer's record and only the service manager deletes it.
        if self.filtered("is_aftersales") and not self.env.su \
                and not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._(
                "Only the service manager can delete a work order; cancel it instead: %(orders)s.",
                orders=", ".join(self.filtered("is_aftersales").mapped("name")),
            ))

    def write(self, vals):
        if "is_aftersales" in vals and any(order.is_aftersales != bool(vals["is_aftersales"]) for order in self):
            raise UserError(self.env._("Whether a work order is an after-sales order is decided when it is opened."))
        if self.filtered("is_aftersales"):
            if "vehicle_id" in vals:
                self._check_aftersales_vehicle(vals["vehicle_id"])
            self._check_no_repair_billing(vals)
        if set(vals) - self._settled_writable_fields() and self.filtered("settlement_date"):
            self._check_aftersales_editable()
        if "repair_category_id" in vals:
            # A category chosen by a user stays; emptied, the jobs propose one again.
            vals = dict(vals, repair_category_chosen=bool(vals["repair_category_id"]))
        res = super().write(vals)
        if "repair_category_id" in vals and not vals["repair_category_id"]:
            self.env.add_to_compute(self._fields["repair_category_id"], self)
        return res

    def _settled_writable_fields(self):
        """Fields that may still change once the order is settled; other modules add theirs."""
        # The car-ready notice may follow the settlement: a customer who paid ahead is told when to come.
        return set(SETTLED_WRITABLE_FIELDS) | {"car_ready_notice_date"}

    def _get_delivery_blockers(self):
        """Reasons why the car cannot be delivered yet; other modules add theirs (quality check)."""
        self.ensure_one()
        blockers = []
        if self.state != "done":
            blockers.append(self.env._("The repair is not finished."))
        if not self.approval_ids:
            blockers.append(self.env._("The customer has not approved the estimate."))
        undecided = self.job_ids.filtered(lambda job: job.state == "proposed")
        if undecided:
            blockers.append(self.env._("Jobs wait for the customer's decision: %(jobs)s",
                                       jobs=", ".join(undecided.mapped("name"))))
        unfinished = self.job_ids.filtered(lambda job: job.state == "approved")
        if unfinished:
            blockers.append(self.env._("Jobs are not done: %(jobs)s", jobs=", ".join(unfinished.mapped("name"))))
        unconsumed = self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state not in ("done", "cancel")
        )
        if unconsumed:
            blockers.append(self.env._("Parts are not consumed: %(parts)s",
                                       parts=", ".join(unconsumed.product_id.mapped("display_name"))))
        for payer in self._payers_over_tolerance():
            blockers.append(self.env._(
                "The %(payer)s share exceeds the approved estimate by more than %(tolerance)s %%: "
                "it needs a new approval.",
                payer=self._payer_label(payer),
                tolerance=self.company_id.aftersales_estimate_tolerance,
            ))
        return blockers

    # ------------------------------------------------------------------
    # Onchanges
    # ------------------------------------------------------------------

    @api.onchange("vehicle_id")
    def _onchange_vehicle_id(self):
        if self.vehicle_id.customer_id:
            self.partner_id = self.vehicle_id.customer_id

    # ------------------------------------------------------------------
    # Approval
    # ------------------------------------------------------------------

    def _check_five_confirmations(self):
        self.ensure_one()
        missing = []
        if not self.job_ids:
            missing.append(self.env._("the jobs (the order has none)"))
        elif not self.confirm_jobs:
            missing.append(self.env._("the jobs"))
        if not self.confirm_estimate:
            missing.append(self.env._("the estimated cost"))
        if not (self.promised_date and self.confirm_promised_time):
            missing.append(self.env._("the promised time"))
        if not self.replaced_parts_disposal:
            missing.append(self.env._("what happens to the replaced parts"))
        if not self.car_wash:
            missing.append(self.env._("whether the car is washed"))
        if missing:
            raise UserError(self.env._(
                "Confirm with the customer before approval: %(missing)s.", missing=", ".join(missing)
            ))

    @business_step
    def _record_approval(self, channel, approved_by, signature=False, kind="estimate", jobs=None, note=False):
        """Record the payers' approval of the current amounts, and confirm the order on the first one.

        Without ``jobs``, every proposed job that is not additional work is approved with the estimate.
        """
        self.ensure_one()
        lock_records(self)  # two users approving the order at the same moment: the second is refused
        if kind == "estimate" and "estimate" in self.approval_ids.mapped("kind"):
            raise UserError(self.env._("The estimate of work order %(order)s is already approved: record a new "
                                       "approval instead.", order=self.name))
        if self.state == "cancel" or self.settlement_date:
            raise UserError(self.env._("A cancelled or settled work order cannot be approved."))
        if channel not in dict(DECISION_CHANNELS) or not (approved_by or "").strip():
            raise UserError(self.env._("Record who approved and how (in person, phone, online)."))
        if channel == "in_person" and kind == "estimate" and not signature:
            raise UserError(self.env._("An approval in person needs the customer's signature."))
        self._check_five_confirmations()
        if jobs is None:
            jobs = self.job_ids.filtered(lambda job: job.state == "proposed" and not job.is_additional)
        jobs.write({"state": "approved", "decision_channel": channel, "decision_date": fields.Datetime.now(),
                    "decision_user_id": self.env.user.id})
        shares = self._amounts_by_payer()
        if not shares:
            raise UserError(self.env._("There is nothing to approve on work order %(order)s.", order=self.name))
        self.env["aftersales.approval"].create([
            {
                "repair_id": self.id,
                "payer": payer,
                "kind": kind,
                "amount": amount,
                "channel": channel,
                "approved_by": approved_by,
                "signature": signature,
                "job_ids": [Command.set(self.job_ids.filtered(lambda job, p=payer: job.payer == p).ids)],
                "note": note,
            }
            for payer, amount in shares.items()
        ])
        if self.state == "draft":
            self._action_repair_confirm()
        # The approved parts are reserved for this car (the parts module adds shortages).
        self.move_ids.filtered(
            lambda move: move.state in ("confirmed", "partially_available", "waiting")
        )._action_assign()
        return True

    def _extend_promised_time(self, approved_jobs):
        """Approved additional work moves the promised time by its added hours."""
        for order in self:
            added = sum(approved_jobs.filtered(lambda job, o=order: job.repair_id == o).mapped("added_hours"))
            if added and order.promised_date:
                order.promised_date += timedelta(hours=added)

    def action_open_approval_wizard(self):
        self.ensure_one()
        self._check_five_confirmations()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Approval"),
            "res_model": "aftersales.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id,
                        "default_kind": "reapproval" if self.approval_ids else "estimate"},
        }

    def action_open_decision_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Decision on Additional Work"),
            "res_model": "aftersales.job.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    # ------------------------------------------------------------------
    # Work
    # ------------------------------------------------------------------

    @business_step
    def _action_repair_confirm(self):
        for order in self.filtered(lambda o: o.is_aftersales and o.state == "draft"):
            if not order.repair_category_id:
                raise UserError(self.env._(
                    "Choose the repair category of work order %(order)s before confirming it.", order=order.name
                ))
            if not order.approval_ids:
                raise UserError(self.env._(
                    "Work order %(order)s needs the customer's approval before work starts.", order=order.name
                ))
        return super()._action_repair_confirm()

    def _get_repair_end_blockers(self):
        """Reasons why the repair cannot end yet, the jobs first; other modules add theirs (quality check,
        parts not issued)."""
        self.ensure_one()
        pending = self.job_ids.filtered(lambda job: job.state in ("proposed", "approved"))
        if pending:
            return [self.env._("Finish or decide every job before ending the repair: %(jobs)s",
                               jobs=", ".join(pending.mapped("name")))]
        return []

    def _check_repair_end(self):
        for order in self.filtered("is_aftersales"):
            blockers = order._get_repair_end_blockers()
            if blockers:
                raise UserError(blockers[0])

    @business_step
    def action_repair_start(self):
        return super().action_repair_start()

    @business_step
    def action_repair_done(self):
        # Odoo's public method ends the repair too: it keeps the after-sales rules of the end.
        self._check_repair_end()
        return super().action_repair_done()

    @business_step
    def action_repair_cancel(self):
        return super().action_repair_cancel()

    @business_step
    def action_repair_cancel_draft(self):
        return super().action_repair_cancel_draft()

    def action_create_sale_order(self):
        if self.filtered("is_aftersales"):
            self._check_no_repair_billing({"sale_order_id": True})
        return super().action_create_sale_order()

    # ------------------------------------------------------------------
    # Customer notices
    # ------------------------------------------------------------------

    def _aftersales_send_notice(self, milestone, mail_template, sms_template, sms_body):
        """Tell each order's customer through the channel the customer prefers: an e-mail from
        ``mail_template`` for who prefers e-mail (and has an address), else the customer message hook (SMS)."""
        by_email = self.filtered(
            lambda order: order.partner_id.aftersales_contact_channel == "email" and order.partner_id.email
        )
        for order in by_email:
            order.message_post_with_source(mail_template, subtype_xmlid="mail.mt_comment")
        (self - by_email)._aftersales_send_customer_message(milestone, sms_template, sms_body)

    def _local_datetime(self, value):
        """``value`` (UTC) in the time zone of the company's working hours."""
        self.ensure_one()
        tz = pytz.timezone(self.company_id.resource_calendar_id.tz or "UTC")
        return pytz.utc.localize(value).astimezone(tz)

    def _car_ready_notice_lead(self):
        """How long before the promised time the customer is told the car is ready (large or small job)."""
        self.ensure_one()
        company = self.company_id
        hours = (company.aftersales_ready_notice_large_hours if self.is_large_job
                 else company.aftersales_ready_notice_small_hours)
        return timedelta(hours=hours)

    def _delay_notice_lead(self):
        """How long before the promised time a delay must be told: same-day pickup or a later day."""
        self.ensure_one()
        company = self.company_id
        same_day = self.schedule_date and (
            self._local_datetime(self.schedule_date).date() == self._local_datetime(self.promised_date).date()
        )
        if same_day:
            return timedelta(minutes=company.aftersales_delay_notice_same_day_minutes)
        return timedelta(days=company.aftersales_delay_notice_other_days)

    def _check_car_ready_notice(self):
        for order in self:
            if not order.is_aftersales or order.state != "done":
                raise UserError(self.env._(
                    "The work on %(order)s is not finished: the customer is told the car is ready once it is.",
                    order=order.name,
                ))
            if order.car_ready_notice_date:
                raise UserError(self.env._(
                    "The customer of %(order)s was already told on %(date)s that the car is ready.",
                    order=order.name, date=format_datetime(self.env, order.car_ready_notice_date),
                ))
            if order.delivery_date:
                raise UserError(self.env._("The car of %(order)s is already delivered.", order=order.name))

    @business_step
    def action_send_car_ready_notice(self):
        """The advisor tells the customer that the car is ready (交车前通知), once."""
        lock_records(self)  # sent once: a second click or the scheduled run at the same moment is refused
        self._check_car_ready_notice()
        self._send_car_ready_notices(self)
        return True

    @business_step
    def _send_car_ready_notices(self, orders):
        """One batch of car-ready notices, and their sent date."""
        orders._aftersales_send_notice(
            "car_ready",
            self.env.ref("aftersales_reception.mail_template_car_ready"),
            self.env.ref("aftersales_reception.sms_template_car_ready", raise_if_not_found=False),
            lambda order: self.env._(
                "%(customer)s, your car %(plate)s is ready (work order %(order)s): you can pick it up. "
                "Your advisor: %(advisor)s.",
                customer=order.partner_id.name, plate=order.license_plate or "", order=order.name,
                advisor=order.user_id.name or "",
            ),
        )
        orders.write({"car_ready_notice_date": fields.Datetime.now()})

    def action_open_delay_notice_wizard(self):
        self.ensure_one()
        self._check_delay_notice()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delay Notice"),
            "res_model": "aftersales.delay.notice.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def _check_delay_notice(self):
        self.ensure_one()
        if not self.is_aftersales or self.state not in ("confirmed", "under_repair") or self.delivery_date:
            raise UserError(self.env._(
                "A delay is told while the work on %(order)s is under way.", order=self.name,
            ))
        if self.delay_notice_date:
            raise UserError(self.env._(
                "The customer of %(order)s was already told of a delay on %(date)s.",
                order=self.name, date=format_datetime(self.env, self.delay_notice_date),
            ))

    @business_step
    def _notify_delay(self, promised_date, reason):
        """Tell the customer the car will be late (延时通知): the new promised time, the reason and an apology.

        The promised time moves, the change and the notice go in the chatter, the advisor's delay to-dos are
        done. Once per order.
        """
        self.ensure_one()
        lock_records(self)  # told once: a second advisor at the same moment is refused
        self._check_delay_notice()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write down the reason for the delay: the customer is told why."))
        promised_date = fields.Datetime.to_datetime(promised_date)
        if not promised_date or promised_date <= fields.Datetime.now():
            raise UserError(self.env._("The new promised time must be in the future."))
        if self.promised_date and promised_date <= self.promised_date:
            raise UserError(self.env._(
                "The new promised time must be later than the one promised, %(date)s.",
                date=format_datetime(self.env, self.promised_date),
            ))
        old_promised = self.promised_date
        self.write({
            "promised_date": promised_date,
            "delay_reason": reason,
            "delay_notice_date": fields.Datetime.now(),
        })
        self.message_post(
            body=self.env._(
                "Delay: the promised time moves from %(old)s to %(new)s. Reason: %(reason)s",
                old=format_datetime(self.env, old_promised) if old_promised else "-",
                new=format_datetime(self.env, promised_date), reason=reason,
            ),
            message_type="comment", subtype_xmlid="mail.mt_note",
        )
        self._aftersales_send_notice(
            "delay",
            self.env.ref("aftersales_reception.mail_template_delay_notice"),
            self.env.ref("aftersales_reception.sms_template_delay_notice", raise_if_not_found=False),
            lambda order: self.env._(
                "%(customer)s, we are sorry: your car %(plate)s will be ready at %(time)s instead of the time "
                "promised. Reason: %(reason)s. We apologise for the inconvenience.",
                customer=order.partner_id.name, plate=order.license_plate or "", reason=order.delay_reason,
                time=format_datetime(self.env, order.promised_date, tz=order.partner_id.tz),
            ),
        )
        self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref("aftersales_reception.mail_activity_type_delay")
        ).action_feedback(feedback=reason)
        return True

    @business_step
    def _give_delay_alerts(self, orders):
        """One batch of delay to-dos for the advisors, and their date."""
        activity_type = self.env.ref("aftersales_reception.mail_activity_type_delay")
        for order in orders:
            order.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Notify the customer of the delay"),
                note=self.env._(
                    "The car %(plate)s is promised for %(time)s and the work is not finished: tell the customer "
                    "the new time, the reason and our apology (Delay Notice).",
                    plate=order.license_plate or "", time=format_datetime(self.env, order.promised_date),
                ),
                user_id=order.user_id.id or self.env.user.id,
            )
        orders.write({"delay_alert_date": fields.Datetime.now()})

    @api.model
    @business_step
    def _cron_customer_notices(self, now=None):
        """Every quarter of an hour: the car-ready notices due, and the delay to-dos for the advisors.

        A finished car is announced when its promised time is within the notice lead (small or large job);
        an unfinished one whose promised time is within the delay lead gives its advisor a to-do. In committed
        batches, each with its sent dates: a rerun sends nothing twice.
        """
        now = now or fields.Datetime.now()
        # The cars at the dealer: finished and not delivered, or in the workshop; each order's leads are its
        # company's.
        finished = self.search([
            ("is_aftersales", "=", True), ("state", "=", "done"), ("car_ready_notice_date", "=", False),
            ("delivery_date", "=", False), ("promised_date", "!=", False),
        ], order="promised_date, id")
        ready = finished.filtered(lambda order: order.promised_date - order._car_ready_notice_lead() <= now)
        unfinished = self.search([
            ("is_aftersales", "=", True), ("state", "in", ("confirmed", "under_repair")),
            ("delay_alert_date", "=", False), ("delay_notice_date", "=", False), ("promised_date", "!=", False),
        ], order="promised_date, id")
        late = unfinished.filtered(lambda order: order.promised_date - order._delay_notice_lead() <= now)
        return {
            "car_ready": len(process_in_batches(ready, self._send_car_ready_notices)),
            "delay": len(process_in_batches(late, self._give_delay_alerts)),
        }

    # ------------------------------------------------------------------
    # Customer messages at the steps of the visit
    # ------------------------------------------------------------------

    def _aftersales_notify_checked_in(self):
        """The car is taken in: the customer gets the work order's number."""
        return self._aftersales_send_customer_message(
            "checked_in",
            self.env.ref("aftersales_reception.sms_template_checked_in", raise_if_not_found=False),
            lambda order: self.env._(
                "%(customer)s, we have taken in your car %(plate)s: work order %(order)s, your advisor "
                "%(advisor)s.",
                customer=order.partner_id.name, plate=order.license_plate or "", order=order.name,
                advisor=order.user_id.name or "",
            ),
        )

    @business_step
    def action_send_approval_request(self):
        """Send the customer the additional work waiting for the approval (追加项目), with its cost and time."""
        self.ensure_one()
        lock_records(self)  # one request at a time
        pending = self.job_ids.filtered(lambda job: job.state == "proposed" and job.is_additional)
        if not pending:
            raise UserError(self.env._("No additional work waits for the customer's approval on %(order)s.",
                                       order=self.name))
        if self.approval_request_date and max(pending.mapped("create_date")) <= self.approval_request_date:
            raise UserError(self.env._(
                "The customer was already sent this additional work on %(date)s: call the customer.",
                date=format_datetime(self.env, self.approval_request_date),
            ))
        self._aftersales_send_customer_message(
            "approval_waiting",
            self.env.ref("aftersales_reception.sms_template_approval_waiting", raise_if_not_found=False),
            lambda order: self.env._(
                "%(customer)s, additional work on your car %(plate)s waits for your approval: %(jobs)s. "
                "Your advisor %(advisor)s will call you.",
                customer=order.partner_id.name, plate=order.license_plate or "", advisor=order.user_id.name or "",
                jobs=", ".join(pending.mapped("name")),
            ),
        )
        self.write({"approval_request_date": fields.Datetime.now()})
        return True

    def _on_settled(self):
        result = super()._on_settled()
        # The appointment's deposit pays the customer's bill first.
        for order in self.filtered("check_in_id.appointment_id.deposit_payment_ids"):
            order.check_in_id.appointment_id._apply_deposits(order._settlement_invoices("customer").filtered(
                lambda move: move.state == "posted"
            ))
        # sudo: the cashier settles without the right to post on work orders; the customer is told in their chatter.
        self.sudo()._aftersales_send_customer_message(
            "settled",
            self.env.ref("aftersales_reception.sms_template_settled", raise_if_not_found=False),
            lambda order: self.env._(
                "%(customer)s, work order %(order)s of your car %(plate)s is settled: %(amount)s. Thank you.",
                customer=order.partner_id.name, order=order.name, plate=order.license_plate or "",
                amount=order._settled_customer_amount_text(),
            ),
        )
        return result

    def _settled_customer_amount_text(self):
        """The customer's share of the settlement, in the company's currency, as the messages show it."""
        self.ensure_one()
        order = self.sudo()  # sudo: the amounts are for the roles that handle money; the customer's own bill
        return format_amount(self.env, order.amount_customer, order.company_currency_id)

    # ------------------------------------------------------------------
    # Delivery and settlement
    # ------------------------------------------------------------------

    def _check_ready_for_delivery(self):
        for order in self:
            if order.not_repaired_date:
                continue  # settled as it is: the diagnosis fee, nothing else
            blockers = order._get_delivery_blockers()
            if blockers:
                raise UserError(self.env._(
                    "Work order %(order)s is not ready for delivery:\n%(blockers)s",
                    order=order.name, blockers="\n".join(blockers),
                ))

    def _default_next_service(self, mileage_out):
        self.ensure_one()
        company = self.company_id
        return {
            "next_service_date": fields.Date.context_today(self) + relativedelta(
                months=company.aftersales_next_service_months
            ),
            "next_service_mileage": mileage_out + company.aftersales_next_service_km,
        }

    @business_step
    def _record_delivery(self, mileage_out, next_service_date, next_service_mileage, followup_preferred_date=False,
                         delivered_by=False):
        """Hand the car back: the mileage out becomes a reading; the next service goes on the statement."""
        self.ensure_one()
        if self.delivery_date:
            raise UserError(self.env._("Work order %(order)s is already delivered.", order=self.name))
        if self.not_repaired_date:
            raise UserError(self.env._(
                "Work order %(order)s was not repaired: the car leaves with the exit notice.", order=self.name,
            ))
        self._check_ready_for_delivery()
        if not mileage_out:
            raise UserError(self.env._("Record the mileage when the car leaves."))
        if self.check_in_id and mileage_out < self.check_in_id.odometer:
            raise ValidationError(self.env._(
                "The mileage out, %(out)s km, is lower than the mileage in, %(mileage_in)s km, on check-in "
                "%(check_in)s.",
                out=round(mileage_out), mileage_in=round(self.check_in_id.odometer), check_in=self.check_in_id.name,
            ))
        if followup_preferred_date and fields.Datetime.to_datetime(followup_preferred_date) < fields.Datetime.now():
            raise ValidationError(self.env._("The follow-up call cannot be planned in the past."))
        if next_service_mileage and next_service_mileage <= mileage_out:
            raise ValidationError(self.env._("The next service mileage must be beyond the mileage out."))
        now = fields.Datetime.now()
        self.env["fleet.vehicle.odometer"].create({
            "vehicle_id": self.vehicle_id.id,
            "date": fields.Date.context_today(self),
            "value": mileage_out,
            "source": "delivery",
        })
        self.write({
            "delivery_date": now,
            "delivery_mileage": mileage_out,
            "delivered_by_id": (delivered_by or self.env.user).id,
            "next_service_date": next_service_date,
            "next_service_mileage": next_service_mileage,
            "followup_preferred_date": followup_preferred_date,
        })
        return True

    @business_step
    def _record_delivery_checks(self, items):
        """The advisor's final check before the car is handed back: every delivery point of the settings."""
        self.ensure_one()
        if not self.env.user.has_group("aftersales_reception.group_service_advisor"):
            raise AccessError(self.env._("Only a service advisor does the final check before delivery."))
        lock_records(self)  # recorded once: a second advisor at the same moment is refused
        if self.delivery_check_ids:
            raise UserError(self.env._("The final check of %(order)s is already recorded.", order=self.name))
        required = self.env["aftersales.check.item"].search([("kind", "=", "delivery")])
        missing = required - items
        if missing:
            raise UserError(self.env._(
                "Finish the final check before the car is handed back: %(items)s",
                items=", ".join(missing.mapped("name")),
            ))
        now = fields.Datetime.now()
        return self.env["aftersales.delivery.check"].create([{
            "repair_id": self.id, "item_id": item.id, "name": item.name, "sequence": item.sequence,
            "checked_by_id": self.env.user.id, "checked_at": now,
        } for item in required])

    def action_open_delivery_wizard(self):
        self.ensure_one()
        self._check_ready_for_delivery()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Delivery"),
            "res_model": "aftersales.delivery.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    @business_step
    def action_allow_credit(self):
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager can let a car leave on credit."))
        self.write({"credit_allowed": True, "credit_allowed_by_id": self.env.user.id})
        return True

    @business_step
    def action_issue_gate_pass(self):
        """The car may leave: the customer paid (or the manager allowed credit); the order closes."""
        for order in self:
            if order.gate_pass_date:
                continue
            if not order.settlement_date:
                raise UserError(self.env._("Settle work order %(order)s before the gate pass.", order=order.name))
            if not order.delivery_date and not order.not_repaired_date:
                raise UserError(self.env._("Record the delivery of %(order)s before the gate pass.",
                                           order=order.name))
            if not (order.is_customer_paid or order.credit_allowed):
                raise UserError(self.env._(
                    "The customer has not paid work order %(order)s; the gate pass needs the payment or the "
                    "service manager's credit approval.", order=order.name,
                ))
        if not (self.env.user.has_group("aftersales_reception.group_cashier")
                or self.env.user.has_group("aftersales_reception.group_service_advisor")):
            raise AccessError(self.env._("Only the cashier or a service advisor issues a gate pass."))
        # sudo: the cashier holds no write right on work orders; the step writes only the gate pass.
        self.filtered(lambda o: not o.gate_pass_date).sudo().write({
            "gate_pass_date": fields.Datetime.now(), "gate_pass_user_id": self.env.user.id,
        })
        if all(self.mapped("not_repaired_date")):
            # A car that was not repaired leaves with the exit notice (出厂通知单).
            return self.env.ref("aftersales_reception.action_report_exit_notice").report_action(self)
        return self.env.ref("aftersales_reception.action_report_gate_pass").report_action(self)

    def _payer_label(self, payer):
        """The payer's name in the user's language."""
        return dict(self.env["aftersales.job"]._fields["payer"]._description_selection(self.env))[payer]

    # ------------------------------------------------------------------
    # Keys
    # ------------------------------------------------------------------

    @api.depends("delivery_date", "delivery_mileage", "company_id.aftersales_guarantee_days",
                 "company_id.aftersales_guarantee_km")
    def _compute_guarantee(self):
        for order in self:
            if not order.delivery_date:
                order.guarantee_end_date = False
                order.guarantee_end_mileage = 0.0
                continue
            company = order.company_id
            delivered = fields.Date.context_today(order, order.delivery_date)
            order.guarantee_end_date = delivered + timedelta(days=company.aftersales_guarantee_days)
            order.guarantee_end_mileage = order.delivery_mileage + company.aftersales_guarantee_km

    @api.depends("check_in_id.parking_spot")
    def _compute_parking_spot(self):
        for order in self:
            order.parking_spot = order.check_in_id.parking_spot or order.parking_spot

    @api.depends("key_log_ids.returned_at", "key_log_ids.taken_by_id")
    def _compute_key_holder(self):
        for order in self:
            open_log = order.key_log_ids.filtered(lambda log: not log.returned_at)[:1]
            order.key_holder_id = open_log.taken_by_id

    @business_step
    def action_take_key(self, purpose="repair", note=False):
        """Take the car's key out of the key cabinet: one open take per key at a time."""
        self.ensure_one()
        lock_records(self)  # one take at a time: a second user at the same moment is refused
        return self.env["aftersales.key.log"]._take(self, purpose, note)

    @business_step
    def action_return_key(self):
        """Put the car's key back in the key cabinet."""
        self.ensure_one()
        lock_records(self)  # one return at a time
        self.env["aftersales.key.log"]._return(self)
        return True

    def action_open_key_take_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Key"),
            "res_model": "aftersales.key.take.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    # ------------------------------------------------------------------
    # Not repaired
    # ------------------------------------------------------------------

    @business_step
    def _record_not_repaired(self, reason, note, fee):
        """The car leaves without being repaired: the open jobs are declined, the diagnosis fee is billed to
        the customer by the settlement, and the order ends with the reason."""
        self.ensure_one()
        if not self.env.user.has_group("aftersales_reception.group_service_advisor"):
            raise AccessError(self.env._("Only a service advisor records that a car is not repaired."))
        lock_records(self)  # recorded once: a second advisor at the same moment is refused
        if not self.is_aftersales:
            raise UserError(self.env._("Work order %(order)s is not an after-sales order.", order=self.name))
        if self.not_repaired_date:
            raise UserError(self.env._("Work order %(order)s is already recorded as not repaired.",
                                       order=self.name))
        if self.state not in ("draft", "confirmed") or self.settlement_date:
            raise UserError(self.env._(
                "Work order %(order)s is under repair or finished: a car leaves unrepaired only before the work "
                "starts.", order=self.name,
            ))
        if reason not in dict(NOT_REPAIRED_REASONS):
            raise UserError(self.env._("Say why the car is not repaired."))
        if not (note or "").strip():
            raise UserError(self.env._("Write down why the car is not repaired (the customer's words or the "
                                       "technical reason)."))
        if fee < 0:
            raise ValidationError(self.env._("The diagnosis fee cannot be negative."))
        now = fields.Datetime.now()
        open_jobs = self.job_ids.filtered(lambda job: job.state in ("proposed", "approved"))
        open_jobs.write({
            "state": "declined", "decision_date": now, "decision_user_id": self.env.user.id,
            "decline_reason": dict(self._fields["not_repaired_reason"]._description_selection(self.env))[reason],
        })
        if not self.company_currency_id.is_zero(fee):
            self.env["aftersales.job"].create({
                "repair_id": self.id, "name": self.env._("Diagnosis fee"), "payer": "customer",
                "labour_hours": 1.0, "labour_rate": fee, "state": "done", "done_date": now, "sequence": 1000,
            })
        self.action_repair_cancel()  # releases the parts reserved for the car
        self.write({
            "not_repaired_reason": reason, "not_repaired_note": note.strip(), "not_repaired_date": now,
            "not_repaired_user_id": self.env.user.id,
        })
        return True

    def action_open_not_repaired_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Not Repaired"),
            "res_model": "aftersales.not.repaired.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }
