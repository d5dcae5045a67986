from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step

# What the inspector fills in while the check is pending; the decision freezes it.
CHECK_CONTENT_FIELDS = {
    "repair_id", "inspector_id", "check_date", "jobs_checked", "road_test_done", "wash_done", "rework_job_ids", "note",
}


class AftersalesQualityCheck(models.Model):
    """Final inspection of a work order (质检): pass, or fail with the jobs to redo."""

    _name = "aftersales.quality.check"
    _description = "Quality Check"
    _inherit = ["mail.thread", "aftersales.step.mixin"]
    _order = "check_date desc, id desc"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    inspector_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    check_date = fields.Datetime(required=True, default=fields.Datetime.now)
    state = fields.Selection([("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
                             default="pending", required=True, tracking=True, index=True, copy=False,
                             aftersales_step=True)
    decision_user_id = fields.Many2one("res.users", string="Decided by", readonly=True, copy=False,
                                       aftersales_step=True, help="Who passed or failed the car.")
    decision_date = fields.Datetime(string="Decided on", readonly=True, copy=False, aftersales_step=True)
    repair_state = fields.Selection(related="repair_id.state", string="Work Order Status")
    jobs_checked = fields.Boolean(string="Every Job Checked")
    road_test_done = fields.Boolean()
    wash_done = fields.Boolean(string="Car Washed")
    rework_job_ids = fields.Many2many("aftersales.job", string="Jobs to Redo",
                                      domain="[('repair_id', '=', repair_id)]")
    note = fields.Text(string="Findings")

    @api.depends("repair_id.name")
    def _compute_display_name(self):
        for check in self:
            check.display_name = self.env._("%(order)s QC", order=check.repair_id.name or "")

    @business_step
    def action_pass(self):
        for check in self:
            if check.state != "pending":
                raise UserError(self.env._("This quality check is already decided."))
            if not check.jobs_checked or not check.road_test_done:
                raise UserError(self.env._("Check every job and road-test the car before passing it."))
            if check.repair_id.car_wash == "wash" and not check.wash_done:
                raise UserError(self.env._("The customer asked for a wash: wash the car before passing it."))
            if check.repair_id.job_ids.filtered(lambda job: job.state == "approved"):
                raise UserError(self.env._("Jobs are not finished yet."))
        self.write({"state": "passed", "decision_user_id": self.env.user.id, "decision_date": fields.Datetime.now()})
        return True

    def action_end_repair(self):
        """The inspector who passed the car ends the repair: the car goes back to its advisor."""
        self.ensure_one()
        if self.state != "passed":
            raise UserError(self.env._("Pass the quality check before ending the repair."))
        return self.repair_id.action_repair_end()

    @business_step
    def action_fail(self):
        for check in self:
            if check.state != "pending":
                raise UserError(self.env._("This quality check is already decided."))
            if not check.rework_job_ids:
                raise UserError(self.env._("Name the jobs that go back for rework."))
            if not check.note:
                raise UserError(self.env._("Write down what failed the inspection."))
        self.write({"state": "failed", "decision_user_id": self.env.user.id, "decision_date": fields.Datetime.now()})
        # sudo: the failed jobs go back to their technicians; the inspector decides, he does not edit jobs.
        self.rework_job_ids.filtered(lambda job: job.state == "done").sudo().action_reopen()
        self._notify_quality_failure()
        return True

    def _quality_failure_foremen(self):
        """Who in the workshop is told of a failed check: the foremen of the order's company."""
        self.ensure_one()
        return self.env["res.users"]._aftersales_role_users(
            "aftersales_workshop.group_workshop_foreman", self.repair_id.company_id
        )

    def _notify_quality_failure(self):
        """Hook: a failed check tells the work order's advisor (a to-do) and the foremen (a message) at once;
        other addons add their channels."""
        for check in self:
            order = check.repair_id
            jobs = ", ".join(check.rework_job_ids.mapped("name"))
            # sudo: the inspector does not edit work orders; the to-do and the message go on the order.
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Quality check failed: %(jobs)s", jobs=jobs),
                note=self.env._("%(inspector)s sent %(jobs)s back for rework: %(findings)s",
                                inspector=self.env.user.name, jobs=jobs, findings=check.note),
                user_id=order.user_id.id or self.env.user.id,
            )
            foremen = check._quality_failure_foremen()
            # sudo: as above, the message goes on the work order the inspector does not edit.
            order.sudo().message_post(
                body=self.env._("Quality check failed, rework: %(jobs)s. Findings: %(findings)s",
                                jobs=jobs, findings=check.note),
                partner_ids=foremen.partner_id.ids,
                message_type="comment", subtype_xmlid="mail.mt_note",
            )

    @api.model_create_multi
    def create(self, vals_list):
        checks = super().create(vals_list)
        for check in checks:
            if check.repair_id.state not in ("confirmed", "under_repair"):
                raise UserError(self.env._("Inspect the car while its work order is open."))
        return checks

    def write(self, vals):
        if (CHECK_CONTENT_FIELDS & set(vals) and self._aftersales_step_guard_active()
                and any(check.state != "pending" for check in self)):
            raise UserError(self.env._(
                "A decided quality check is the record of the inspection: it cannot change. Start a new check."
            ))
        return super().write(vals)

    def copy_data(self, default=None):
        default = dict(default or {}, rework_job_ids=[Command.clear()])
        return super().copy_data(default)
