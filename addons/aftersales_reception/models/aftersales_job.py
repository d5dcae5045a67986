from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import business_step, check_text_lengths
from ..tools.lock import lock_records

PAYERS = [
    ("customer", "Customer"),
    ("warranty", "Warranty"),
    ("insurance", "Insurance"),
    ("internal", "Internal"),
    ("goodwill", "Goodwill"),
]
# Payers that receive an invoice; the others are booked as the dealer's cost.
INVOICED_PAYERS = ("customer", "warranty", "insurance")
DECISION_CHANNELS = [("in_person", "In Person"), ("phone", "Phone"), ("online", "Online")]
# Who sees what the payers are charged (rates, prices, amounts): every after-sales role but the workshop floor's.
PRICES_GROUP = "aftersales_reception.group_aftersales_prices"


class AftersalesJob(models.Model):
    _name = "aftersales.job"
    _inherit = ["aftersales.step.mixin"]
    _description = "Work Order Job"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, index="btree_not_null")
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Job", required=True, help="The concern in the customer's words, or the service.")
    payer = fields.Selection(PAYERS, required=True, default="customer", index=True)
    labour_hours = fields.Float(digits=(16, 2))
    # Not precomputed: that reads the rate as the creator, and a technician proposing work reads no rates (the
    # rate is computed at the flush, by the superuser).
    labour_rate = fields.Monetary(
        compute="_compute_labour_rate", store=True, readonly=False,
        help="Hourly rate charged to the payer.", groups=PRICES_GROUP,
    )
    labour_amount = fields.Monetary(compute="_compute_amounts", store=True, groups=PRICES_GROUP)
    move_ids = fields.One2many("stock.move", "aftersales_job_id", string="Parts")
    parts_amount = fields.Monetary(compute="_compute_amounts", store=True, groups=PRICES_GROUP)
    amount_total = fields.Monetary(string="Total", compute="_compute_amounts", store=True, groups=PRICES_GROUP)
    state = fields.Selection(
        [("proposed", "Proposed"), ("approved", "Approved"), ("declined", "Declined"), ("done", "Done")],
        default="proposed", required=True, index=True, copy=False, aftersales_step=True,
    )
    is_additional = fields.Boolean(
        string="Additional Work", copy=False,
        help="Found during the repair (追加项目): the customer decides on it separately.",
    )
    additional_reason = fields.Text(string="Why It Is Needed")
    added_hours = fields.Float(string="Added Time (hours)", help="How much later the car will be ready.")
    decision_channel = fields.Selection(DECISION_CHANNELS, copy=False, aftersales_step=True)
    decision_date = fields.Datetime(copy=False, aftersales_step=True)
    decision_user_id = fields.Many2one("res.users", string="Recorded by", copy=False, aftersales_step=True)
    workshop_informed_user_id = fields.Many2one(
        "res.users", string="Workshop Informed", copy=False, aftersales_step=True,
        help="Who in the workshop was told of the decision.",
    )
    decline_reason = fields.Char(copy=False, aftersales_step=True)
    done_date = fields.Datetime(copy=False, aftersales_step=True)

    _labour_positive = models.Constraint(
        "CHECK(labour_hours >= 0 AND labour_rate >= 0)", "Labour hours and rates cannot be negative."
    )

    @api.depends("payer", "repair_id.company_id")
    def _compute_labour_rate(self):
        for job in self:
            company = job.repair_id.company_id or self.env.company
            job.labour_rate = company._aftersales_labour_rate(job.payer)

    @api.depends("labour_hours", "labour_rate", "move_ids.billing_amount", "move_ids.state",
                 "move_ids.repair_line_type")
    def _compute_amounts(self):
        for job in self:
            job.labour_amount = job.currency_id.round(job.labour_hours * job.labour_rate)
            job.parts_amount = sum(job._billable_moves().mapped("billing_amount"))
            job.amount_total = job.labour_amount + job.parts_amount

    def _billable_moves(self):
        """Parts fitted to the car; removed and recycled parts are not billed."""
        return self.move_ids.filtered(lambda move: move.state != "cancel" and move.repair_line_type == "add")

    def _billing_lines(self):
        """What the jobs bill, in order: each job's labour, then each part fitted on it.

        The one description of a job's lines: the settlement, the warranty claim and the insurance
        assessment are all made from it.
        """
        lines = []
        for job in self:
            if job.labour_hours:
                lines.append({
                    "job": job, "line_type": "labour", "name": job.name, "product": None, "move": None, "uom": None,
                    "quantity": job.labour_hours, "price_unit": job.labour_rate, "amount": job.labour_amount,
                })
            lines += [
                {
                    "job": job, "line_type": "part", "name": move.product_id.display_name, "product": move.product_id,
                    "move": move, "uom": move.product_uom, "quantity": move.billing_quantity,
                    "price_unit": move.billing_price_unit, "amount": move.billing_amount,
                }
                for move in job._billable_moves()
            ]
        return lines

    @api.constrains("labour_hours", "labour_rate", "added_hours")
    def _check_labour_plausible(self):
        # sudo: the rate is checked whoever enters the hours (a technician proposing work reads no rates).
        for job in self.sudo():
            # The database refuses negatives too; this says it in the user's words first.
            if min(job.labour_hours, job.labour_rate, job.added_hours) < 0:
                raise ValidationError(self.env._(
                    "Job %(job)s: labour hours, hourly rate and added time cannot be negative.", job=job.name,
                ))
            limit = (job.company_id or self.env.company).aftersales_max_job_hours
            hours = max(job.labour_hours, job.added_hours)
            if limit and hours > limit:
                raise ValidationError(self.env._(
                    "Job %(job)s has %(hours)s labour hours; a job takes at most %(limit)s hours (after-sales "
                    "settings). Check the figure, or split the work into several jobs.",
                    job=job.name, hours=hours, limit=limit,
                ))

    @api.constrains("name", "additional_reason", "decline_reason")
    def _check_text_lengths(self):
        check_text_lengths(self, {"name": 256, "additional_reason": 2000, "decline_reason": 256})

    # ------------------------------------------------------------------
    # Protection of what is decided or settled
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        jobs.repair_id._check_aftersales_editable()
        if not self._may_set_prices():
            jobs._check_settings_labour_rate()
        return jobs

    def write(self, vals):
        self.repair_id._check_aftersales_editable()
        if {"payer", "labour_hours", "labour_rate"} & set(vals) and any(job.state == "done" for job in self):
            raise UserError(self.env._("A finished job's payer and labour cannot be changed."))
        if "labour_rate" not in vals or self._may_set_prices():
            return super().write(vals)
        rates = {job: job.labour_rate for job in self}
        res = super().write(vals)
        self._check_settings_labour_rate(rates)
        return res

    def _check_settings_labour_rate(self, rates=None):
        """Who does not set prices sets only the settings' rate of the job's payer (e.g. after a change of payer).

        ``rates``: the rates before a write (a rate left as it was is kept); none on create.
        """
        # sudo: the rate is compared whoever creates the job (a technician proposing work reads no rates).
        for job in self.sudo():
            currency = job.currency_id
            changed = rates is None or currency.compare_amounts(job.labour_rate, rates[job])
            if changed and currency.compare_amounts(
                job.labour_rate, job.repair_id.company_id._aftersales_labour_rate(job.payer)
            ):
                raise AccessError(self.env._(
                    "Only a service advisor or the service manager changes the labour rate of job %(job)s.",
                    job=job.name,
                ))

    @api.model
    def _may_set_prices(self):
        """Labour rates and part prices are the advisors' and the manager's: what the payer is charged."""
        return self.env.su or self.env.user.has_group("aftersales_reception.group_service_advisor")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self.repair_id._check_aftersales_editable()
        if any(job.state in ("approved", "done") for job in self):
            raise UserError(self.env._(
                "An approved job cannot be deleted; the customer approved it. Record a new decision instead."
            ))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @business_step
    def _record_decision(self, approved, channel, workshop_informed_user=False, decline_reason=False,
                         decision_date=False):
        """Record the customer's decision on proposed jobs (the advisor's phone call)."""
        lock_records(self.repair_id)  # one decision at a time: a second advisor at the same moment is refused
        if any(job.state != "proposed" for job in self):
            raise UserError(self.env._("Only proposed jobs wait for the customer's decision."))
        if not channel:
            raise UserError(self.env._("Say how the customer gave the decision (in person, phone, online)."))
        if not workshop_informed_user:
            raise UserError(self.env._("Name who in the workshop was told of the customer's decision."))
        if not approved and not (decline_reason or "").strip():
            raise UserError(self.env._("Give the customer's reason for declining."))
        if decision_date and fields.Datetime.to_datetime(decision_date) > fields.Datetime.now():
            raise UserError(self.env._("The customer's decision cannot be dated in the future."))
        self.write({
            "state": "approved" if approved else "declined",
            "decision_channel": channel,
            "decision_date": decision_date or fields.Datetime.now(),
            "decision_user_id": self.env.user.id,
            "workshop_informed_user_id": workshop_informed_user and workshop_informed_user.id,
            "decline_reason": decline_reason or False,
        })
        if approved:
            self.filtered("is_additional").repair_id._extend_promised_time(self)
        else:
            # Declined work takes no parts: release them so the store does not issue them.
            self.move_ids.filtered(lambda move: move.state not in ("done", "cancel"))._action_cancel()

    @business_step
    def action_mark_done(self):
        if any(job.state != "approved" for job in self):
            raise UserError(self.env._("Only approved jobs can be finished."))
        if any(job.repair_id.state not in ("confirmed", "under_repair") for job in self):
            raise UserError(self.env._("Start the work order before finishing its jobs."))
        self.write({"state": "done", "done_date": fields.Datetime.now()})
        return True

    @business_step
    def action_reopen(self):
        if any(job.state != "done" for job in self):
            raise UserError(self.env._("Only finished jobs can be reopened."))
        self.write({"state": "approved", "done_date": False})
        return True
