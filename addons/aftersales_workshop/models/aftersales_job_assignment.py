from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesJobAssignment(models.Model):
    """A technician on a job, with the share of the job's sold hours credited to them."""

    _name = "aftersales.job.assignment"
    _description = "Job Assignment"
    _order = "job_id, id"

    job_id = fields.Many2one("aftersales.job", required=True, ondelete="cascade", index=True)
    repair_id = fields.Many2one(related="job_id.repair_id", store=True, index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    technician_id = fields.Many2one("res.users", required=True, index=True,
                                    domain=lambda self: [("all_group_ids", "in", self.env.ref(
                                        "aftersales_reception.group_workshop_technician").ids)])
    share = fields.Float(string="Share (%)", default=100.0, required=True)
    sold_hours = fields.Float(compute="_compute_sold_hours", store=True, digits=(16, 2))
    clocked_hours = fields.Float(compute="_compute_clocked_hours", digits=(16, 2))

    _job_technician_unique = models.Constraint(
        "UNIQUE(job_id, technician_id)", "A technician is assigned once to a job."
    )
    _share_range = models.Constraint("CHECK(share > 0 AND share <= 100)", "A share is between 0 and 100 %.")

    @api.depends("job_id.name", "technician_id.name")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = f"{assignment.job_id.name} – {assignment.technician_id.name}"

    @api.depends("share", "job_id.labour_hours")
    def _compute_sold_hours(self):
        for assignment in self:
            assignment.sold_hours = assignment.job_id.labour_hours * assignment.share / 100.0

    def _compute_clocked_hours(self):
        clocked = {
            (job.id, technician.id): hours
            for job, technician, hours in self.env["aftersales.job.clock"]._read_group(
                [("job_id", "in", self.job_id.ids)], ["job_id", "technician_id"], ["duration:sum"]
            )
        }
        for assignment in self:
            assignment.clocked_hours = clocked.get((assignment.job_id.id, assignment.technician_id.id), 0.0)

    @api.constrains("share", "job_id")
    def _check_total_share(self):
        for job in self.job_id:
            total = sum(job.assignment_ids.mapped("share"))
            if total > 100.0 + 1e-6:
                raise ValidationError(self.env._(
                    "The technicians' shares of job %(job)s add up to %(total)s %%; they cannot exceed 100 %%.",
                    job=job.name, total=round(total, 2),
                ))
