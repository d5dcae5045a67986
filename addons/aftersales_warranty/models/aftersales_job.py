from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .fleet_vehicle import COVERAGE_STATES, coverage_state


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
