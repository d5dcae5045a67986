from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

PAUSE_REASONS = [
    ("parts", "Waiting for Parts"),
    ("approval", "Waiting for Approval"),
    ("break", "Break"),
    ("other_job", "Other Job"),
    ("other", "Other"),
]


def _overlap(start, stop, other_start, other_stop):
    """Whether two stretches [start, stop) share a moment; an open stretch runs on, an empty one holds none."""
    if (stop and stop <= start) or (other_stop and other_stop <= other_start):
        return False
    return (not other_stop or other_stop > start) and (not stop or other_start < stop)


class AftersalesJobClock(models.Model):
    """A stretch of time a technician worked on a job (打卡)."""

    _name = "aftersales.job.clock"
    _inherit = ["aftersales.step.mixin"]
    _description = "Job Time Clock"
    _order = "start desc, id desc"
    # The technician's clock buttons are the only way in: the hours paid and credited rest on these records.
    _aftersales_step_record = True

    job_id = fields.Many2one("aftersales.job", required=True, ondelete="cascade", index=True)
    repair_id = fields.Many2one(related="job_id.repair_id", store=True, index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    technician_id = fields.Many2one("res.users", required=True)
    start = fields.Datetime(required=True, default=fields.Datetime.now)
    stop = fields.Datetime()
    duration = fields.Float(string="Hours", compute="_compute_duration", store=True, digits=(16, 2))
    pause_reason = fields.Selection(PAUSE_REASONS, help="Why the technician stopped before the job was done.")

    # The technicians' clocked hours of a period (utilisation over years of clocks) read off the index alone.
    _technician_start_index = models.Index("(technician_id, start) INCLUDE (duration)")
    # A technician's clocks that end after a moment (the one-job-at-a-time check) read off this index alone.
    _technician_stop_index = models.Index("(technician_id, stop)")
    _stop_after_start = models.Constraint(
        "CHECK(stop IS NULL OR stop >= start)", "A clock stops after it starts."
    )

    @api.depends("job_id.name", "technician_id.name")
    def _compute_display_name(self):
        for clock in self:
            clock.display_name = f"{clock.job_id.name} – {clock.technician_id.name}"

    @api.depends("start", "stop")
    def _compute_duration(self):
        for clock in self:
            clock.duration = (clock.stop - clock.start).total_seconds() / 3600.0 if clock.stop else 0.0

    @api.constrains("technician_id", "start", "stop")
    def _check_one_job_at_a_time(self):
        """A technician works on one job at a time unless the company allows parallel jobs."""
        clocks = self.filtered(lambda clock: not clock.company_id.aftersales_allow_parallel_jobs)
        if not clocks:
            return
        self.flush_model(["technician_id", "start", "stop", "job_id"])
        # The technicians' clocks that end after the earliest of these starts (or are open): read off the
        # (technician, stop) index with the values written out, so that years of clocks are never scanned.
        open_ended = any(not clock.stop for clock in clocks)
        self.env.cr.execute(SQL(
            """
            SELECT id, job_id, technician_id, start, stop
              FROM aftersales_job_clock
             WHERE technician_id = ANY(%(technicians)s)
               AND (stop IS NULL OR stop > %(earliest)s)
               %(before_latest)s
            """,
            technicians=clocks.technician_id.ids,
            earliest=min(clocks.mapped("start")),
            before_latest=SQL() if open_ended else SQL("AND start < %s", max(clocks.mapped("stop"))),
        ))
        others_by_technician = defaultdict(list)
        for other_id, job_id, technician_id, start, stop in self.env.cr.fetchall():
            others_by_technician[technician_id].append((other_id, job_id, start, stop))
        row = next((
            (clock.id, job_id)
            for clock in clocks
            for other_id, job_id, start, stop in others_by_technician[clock.technician_id.id]
            if other_id != clock.id and _overlap(clock.start, clock.stop, start, stop)
        ), None)
        if row:
            clock = self.browse(row[0])
            other_job = self.env["aftersales.job"].browse(row[1])
            raise ValidationError(self.env._(
                "%(technician)s is already clocked on %(job)s (%(order)s): pause or finish it first.",
                technician=clock.technician_id.name, job=other_job.name, order=other_job.repair_id.name,
            ))
