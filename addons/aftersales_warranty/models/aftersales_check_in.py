from odoo import Command, api, fields, models

from .fleet_vehicle import COVERAGE_STATES, coverage_state


class AftersalesCheckIn(models.Model):
    _inherit = "aftersales.check.in"

    warranty_state = fields.Selection(COVERAGE_STATES, string="Warranty", compute="_compute_warranty")
    warranty_note = fields.Char(string="Warranty Status", compute="_compute_warranty")
    sanbao_warning = fields.Text(related="vehicle_id.sanbao_warning", string="三包 Warning")
    open_recall_count = fields.Integer(related="vehicle_id.open_recall_count")
    open_recall_names = fields.Char(related="vehicle_id.open_recall_names", string="Open Recall Campaigns")

    @api.depends("vehicle_id", "check_in_date", "odometer")
    def _compute_warranty(self):
        policies = self.vehicle_id._warranty_policies()
        for check_in in self:
            if not check_in.vehicle_id:
                check_in.warranty_state = "unknown"
                check_in.warranty_note = False
                continue
            coverage = check_in.vehicle_id._warranty_coverage(
                date=fields.Date.context_today(check_in, check_in.check_in_date), mileage=check_in.odometer,
                policy=policies[check_in.vehicle_id],
            )
            check_in.warranty_state = coverage_state(coverage["covered"])
            check_in.warranty_note = coverage["note"]

    def _prepare_work_order(self):
        """Each open recall of the vehicle becomes a warranty job of the work order."""
        values = super()._prepare_work_order()
        recall_lines = self.vehicle_id._open_recall_lines()
        sequence = max((concern.sequence for concern in self.concern_ids), default=0)
        for line in recall_lines:
            sequence += 1
            values["job_ids"].append(Command.create(line._prepare_job(sequence)))
        return values

    def action_create_work_order(self):
        result = super().action_create_work_order()
        recall_jobs = self.repair_id.job_ids.filtered("recall_line_id")
        if recall_jobs:
            self.env["stock.move"].create([
                values for job in recall_jobs for values in job.recall_line_id._prepare_part_moves(job)
            ])
        return result
