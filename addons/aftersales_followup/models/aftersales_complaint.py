from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches


class AftersalesComplaint(models.Model):
    """A complaint (投诉) or quick-handling ticket (快速处理表), owned by someone with a deadline."""

    _name = "aftersales.complaint"
    _description = "Customer Complaint"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.complaint"
    _order = "deadline, id"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    complaint_date = fields.Date(string="Received on", required=True, index=True,
                                 default=fields.Date.context_today)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, check_company=True, tracking=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", index="btree_not_null", check_company=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    advisor_id = fields.Many2one(related="repair_id.user_id", string="Service Advisor", store=True)
    technician_id = fields.Many2one("res.users", string="Technician Concerned", index="btree_not_null",
                                    tracking=True)
    source = fields.Selection(
        [("follow_up", "Follow-up Call"), ("phone", "Phone"), ("walk_in", "Walk-in"),
         ("manufacturer", "Manufacturer"), ("online", "Online")],
        required=True, default="phone",
    )
    category = fields.Selection(
        [("quality", "Repair Quality"), ("time", "Waiting Time"), ("price", "Price"), ("attitude", "Staff Attitude"),
         ("parts", "Parts"), ("other", "Other")],
        default="quality",
    )
    department = fields.Selection(
        [("reception", "Reception"), ("workshop", "Workshop"), ("parts", "Parts"), ("cashier", "Settlement"),
         ("other", "Other")],
        default="workshop",
    )
    severity = fields.Selection([("minor", "Minor"), ("major", "Major")], required=True, default="minor",
                                tracking=True)
    description = fields.Text(required=True, help="The complaint in the customer's words.")
    owner_id = fields.Many2one("res.users", string="Responsible", tracking=True,
                               default=lambda self: self._default_owner())
    deadline = fields.Date(required=True, tracking=True, default=lambda self: self._default_deadline())
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved"), ("closed", "Closed")],
        default="open", required=True, tracking=True, index=True, copy=False, aftersales_step=True,
    )
    is_escalated = fields.Boolean(string="Escalated", copy=False, readonly=True, tracking=True, aftersales_step=True)
    root_cause = fields.Text()
    actions_taken = fields.Text(string="Actions")
    resolution = fields.Text()
    customer_accepted = fields.Boolean(string="Customer Accepts", tracking=True)
    closing_call_id = fields.Many2one("aftersales.followup.call", copy=False, readonly=True, aftersales_step=True)

    @api.model
    def _default_owner(self):
        Users = self.env["res.users"]
        return Users._aftersales_role_users("aftersales_reception.group_service_manager", self.env.company)[:1]

    @api.model
    def _default_deadline(self):
        return fields.Date.context_today(self) + timedelta(days=self.env.company.aftersales_complaint_deadline_days)

    @api.model_create_multi
    def create(self, vals_list):
        complaints = super().create(vals_list)
        for complaint in complaints.filtered("owner_id"):
            complaint.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=complaint.deadline, user_id=complaint.owner_id.id,
                summary=self.env._("Handle complaint %(name)s", name=complaint.name),
            )
        return complaints

    @business_step
    def action_resolve(self):
        for complaint in self:
            if complaint.state != "open":
                raise UserError(self.env._("Only an open complaint can be resolved."))
            if not complaint.resolution:
                raise UserError(self.env._("Describe how the complaint was resolved."))
        self.write({"state": "resolved"})
        # After a resolved complaint the customer is called again.
        Call = self.env["aftersales.followup.call"]
        if not Call.has_access("create"):
            Call = Call.sudo()  # sudo: an advisor resolving the complaint books the agents' closing call
        for complaint in self.filtered("repair_id"):
            agent = Call._pick_agents(complaint.repair_id)[complaint.repair_id]
            complaint.closing_call_id = Call.create({
                "repair_id": complaint.repair_id.id, "agent_id": agent.id or False, "kind": "closing",
                "due_date": Call._call_time(complaint.partner_id, complaint.company_id,
                                            fields.Date.context_today(self) + timedelta(days=1)),
            })
        return True

    @business_step
    def action_close(self):
        for complaint in self:
            if complaint.state != "resolved":
                raise UserError(self.env._("Resolve the complaint before closing it."))
            if not complaint.customer_accepted:
                raise UserError(self.env._("The customer has not accepted the resolution yet."))
            if complaint.closing_call_id and complaint.closing_call_id.state != "done":
                raise UserError(self.env._("Make the closing call first."))
        self.write({"state": "closed"})
        return True

    @api.model
    @business_step
    def _cron_escalate_overdue(self):
        """Complaints past their deadline go to the service manager (scheduled action).

        In batches: each batch's to-dos and its escalated flag are committed together, so a run killed in the
        middle and run again escalates no complaint twice and forgets none.
        """
        overdue = self.search([
            ("state", "=", "open"), ("is_escalated", "=", False),
            ("deadline", "<", fields.Date.context_today(self)),
        ], order="deadline, id")
        return len(process_in_batches(overdue, self._escalate))

    @business_step
    def _escalate(self, complaints):
        """One batch of the escalation: the service manager's to-do and the escalated flag."""
        managers = self.env["res.users"]._aftersales_role_users("aftersales_reception.group_service_manager")
        for complaint in complaints:
            manager = managers.filtered(lambda user, c=complaint: c.company_id in user.company_ids)[:1]
            complaint.activity_schedule(
                "mail.mail_activity_data_todo", user_id=(manager or self.env.user).id,
                summary=self.env._("Overdue complaint %(name)s", name=complaint.name),
                note=self.env._("The deadline of %(date)s has passed without a resolution.", date=complaint.deadline),
            )
        complaints.write({"is_escalated": True})
