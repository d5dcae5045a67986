from odoo import fields, models, tools
from odoo.tools import SQL


class AftersalesWorkshopReport(models.Model):
    """Technicians' work per job: sold against clocked hours, rework and comebacks."""

    _name = "aftersales.workshop.report"
    _description = "Workshop Analysis"
    _rec_name = "job_id"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    technician_id = fields.Many2one("res.users", readonly=True)
    job_id = fields.Many2one("aftersales.job", readonly=True)
    operation_id = fields.Many2one("aftersales.labour.operation", string="Labour Operation", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    payer = fields.Selection(related="job_id.payer", readonly=True)
    sold_hours = fields.Float(readonly=True, digits=(16, 2))
    clocked_hours = fields.Float(readonly=True, digits=(16, 2))
    rework_count = fields.Integer(string="Reworks", readonly=True)
    first_time_fix = fields.Integer(string="Fixed First Time", readonly=True,
                                    help="1 when the job passed the quality check without rework.")
    comeback_count = fields.Integer(string="Comebacks", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT assignment.id AS id,
                       COALESCE(job.done_date, repair.schedule_date)::date AS date,
                       assignment.technician_id,
                       job.id AS job_id,
                       job.operation_id,
                       job.repair_id,
                       job.company_id,
                       assignment.sold_hours,
                       COALESCE(clocks.hours, 0) AS clocked_hours,
                       COALESCE(job.rework_count, 0) AS rework_count,
                       CASE WHEN job.state = 'done' AND COALESCE(job.rework_count, 0) = 0
                            THEN 1 ELSE 0 END AS first_time_fix,
                       (SELECT COUNT(*) FROM repair_order comeback
                         WHERE comeback.comeback_of_id = job.repair_id) AS comeback_count
                  FROM aftersales_job_assignment assignment
                  JOIN aftersales_job job ON job.id = assignment.job_id
                  JOIN repair_order repair ON repair.id = job.repair_id
             LEFT JOIN (SELECT job_id, technician_id, SUM(duration) AS hours
                          FROM aftersales_job_clock GROUP BY job_id, technician_id) clocks
                    ON clocks.job_id = job.id AND clocks.technician_id = assignment.technician_id
            )
            """,
            table=SQL.identifier(self._table),
        ))
