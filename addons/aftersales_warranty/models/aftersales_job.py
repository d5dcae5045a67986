from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.aftersales_reception.tools import business_step

from .fleet_vehicle import COVERAGE_STATES, coverage_state

PREAUTH_JOB_STATES = [
    ("not_required", "Not Required"),
    ("missing", "To Ask"),
    ("pending", "Waiting for the Manufacturer"),
    ("authorised", "Authorised"),
    ("refused", "Refused"),
]


class AftersalesJob(models.Model):
    _inherit = "aftersales.job"

    fault_category_id = fields.Many2one(
        "aftersales.fault.category", index="btree_not_null",
        help="What failed: it picks the component coverage and counts the repairs of serious faults (三包).",
    )
    fault_code = fields.Char(help="Diagnostic trouble code or the manufacturer's fault code.")
    causal_part_id = fields.Many2one("product.product",
                                     help="The part whose failure caused the repair.")
    cause = fields.Text(help="Why it failed, as diagnosed.")
    correction = fields.Text(help="What was done to fix it.")
    warranty_state = fields.Selection(COVERAGE_STATES, string="Warranty", compute="_compute_warranty")
    warranty_note = fields.Char(string="Warranty Status", compute="_compute_warranty")
    warranty_claim_ids = fields.Many2many("aftersales.warranty.claim", "aftersales_warranty_claim_job_rel",
                                          "job_id", "claim_id", string="Warranty Claims", copy=False, readonly=True)
    # Set when the check-in turns an open recall into a job.
    recall_line_id = fields.Many2one("aftersales.recall.line", string="Recall", copy=False,
                                     index="btree_not_null", readonly=True, aftersales_step=True)
    # Pre-authorisation (预授权): a doubtful case, or one above the company's amount, waits for the manufacturer.
    warranty_doubtful = fields.Boolean(
        string="Doubtful Warranty Case", copy=False, readonly=True, aftersales_step=True,
        help="Flagged by the advisor or the technician: the manufacturer must agree before the repair.",
    )
    preauth_ids = fields.Many2many("aftersales.warranty.preauth", "aftersales_warranty_preauth_job_rel", "job_id",
                                   "preauth_id", string="Pre-authorisations", copy=False, readonly=True)
    preauth_state = fields.Selection(PREAUTH_JOB_STATES, string="Pre-authorisation",
                                     compute="_compute_preauth_state")

    @api.depends("fault_category_id", "repair_id.vehicle_id", "repair_id.schedule_date",
                 "repair_id.check_in_id.odometer")
    def _compute_warranty(self):
        policies = self.repair_id.vehicle_id._warranty_policies()
        for job in self:
            vehicle = job.repair_id.vehicle_id
            if not vehicle:
                job.warranty_state = "unknown"
                job.warranty_note = False
                continue
            coverage = vehicle._warranty_coverage(
                date=job.repair_id._warranty_date(), mileage=job.repair_id._warranty_mileage(),
                component=job.fault_category_id.component, policy=policies[vehicle],
            )
            job.warranty_state = coverage_state(coverage["covered"])
            job.warranty_note = coverage["note"]

    @api.depends("payer", "state", "warranty_doubtful", "amount_total", "recall_line_id", "preauth_ids.state",
                 "company_id.aftersales_preauth_threshold")
    def _compute_preauth_state(self):
        for job in self:
            latest = job.preauth_ids.sorted("id")[-1:]
            if not job._preauth_required():
                job.preauth_state = "not_required"
            elif not latest:
                job.preauth_state = "missing"
            elif latest.state in ("draft", "requested"):
                job.preauth_state = "pending"
            else:
                job.preauth_state = latest.state

    def _preauth_required(self):
        """A warranty job needs the manufacturer's agreement first when flagged doubtful or above the amount."""
        self.ensure_one()
        # A recall is the manufacturer's own order: it needs no pre-authorisation.
        if self.payer != "warranty" or self.state in ("declined", "done") or self.recall_line_id:
            return False
        threshold = self.company_id.aftersales_preauth_threshold
        # sudo: the rule reads the job's amount whoever asks (technicians read no prices).
        amount = self.sudo().amount_total
        return self.warranty_doubtful or bool(threshold and self.currency_id.compare_amounts(amount, threshold) > 0)

    def _check_preauthorised(self):
        """Work on a warranty job waits for the manufacturer's pre-authorisation when one is required."""
        blocked = self.filtered(lambda job: job.preauth_state in ("missing", "pending", "refused"))
        for job in blocked:
            reason = {
                "missing": self.env._("ask the manufacturer's pre-authorisation first"),
                "pending": self.env._("the manufacturer has not answered the pre-authorisation yet"),
                "refused": self.env._("the manufacturer refused the pre-authorisation: change who pays it or "
                                      "ask again"),
            }[job.preauth_state]
            raise UserError(self.env._("Warranty job %(job)s cannot be worked on: %(reason)s.",
                                       job=job.name, reason=reason))

    def _clock_start(self, technician=None):
        self._check_preauthorised()
        return super()._clock_start(technician)

    def action_mark_done(self):
        self._check_preauthorised()
        return super().action_mark_done()

    def action_flag_doubtful(self):
        return self._flag_warranty_doubtful()

    @business_step
    def _flag_warranty_doubtful(self):
        """The advisor or the job's technician doubts the warranty covers it: the manufacturer decides first."""
        self._check_may_write_diagnosis()
        if any(job.payer != "warranty" or job.state not in ("proposed", "approved") for job in self):
            raise UserError(self.env._("Only a warranty job not done yet is flagged for pre-authorisation."))
        # sudo: technicians hold no write right on jobs; this step writes the flag only.
        self.sudo().write({"warranty_doubtful": True})
        return True

    def action_request_preauth(self):
        preauths = self.env["aftersales.warranty.preauth"]._create_for_jobs(self)
        return preauths._open_form()

    def write(self, vals):
        if vals.get("payer", "warranty") != "warranty" and self.filtered("warranty_claim_ids"):
            raise UserError(self.env._("A job on a warranty claim stays a warranty job; remove it from the claim "
                                       "first."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # The technician's cause and correction
    # ------------------------------------------------------------------

    def action_open_diagnosis_wizard(self):
        self.ensure_one()
        self._check_may_write_diagnosis()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Cause and Correction"),
            "res_model": "aftersales.job.diagnosis.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_id": self.id},
        }

    def _check_may_write_diagnosis(self):
        """The technicians the job is dispatched to write its cause and correction; whoever edits jobs may too."""
        user = self.env.user
        for job in self:
            dispatched = job.assignment_ids.technician_id
            if self.env.su or job.has_access("write") or user in dispatched:
                continue
            raise AccessError(self.env._(
                "%(technician)s is not assigned to job %(job)s: only its technicians write its cause and "
                "correction.", technician=user.name, job=job.name,
            ))

    def _record_cause_and_correction(self, cause, correction):
        """Write down why the part failed and what was done: the story the warranty claim tells."""
        self._check_may_write_diagnosis()
        if any(job.state == "declined" for job in self):
            raise UserError(self.env._("A declined job was not done: it has no cause or correction to record."))
        # Technicians hold no write right on jobs: this step writes only the two fields of their diagnosis.
        self.sudo().write({"cause": cause or False, "correction": correction or False})  # sudo: diagnosis only
        return True
