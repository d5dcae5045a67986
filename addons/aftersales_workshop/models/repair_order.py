from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step


class RepairOrder(models.Model):
    _inherit = "repair.order"

    quality_check_ids = fields.One2many("aftersales.quality.check", "repair_id", string="Quality Checks")
    quality_state = fields.Selection(
        [("none", "Not Checked"), ("pending", "Pending"), ("passed", "Passed"), ("failed", "Failed")],
        compute="_compute_quality_state", store=True, aftersales_step=True,
    )
    handover_date = fields.Datetime(string="Handed to Workshop", copy=False, tracking=True, aftersales_step=True)
    handover_foreman_id = fields.Many2one("res.users", string="Received by", copy=False, aftersales_step=True)
    comeback_of_id = fields.Many2one("repair.order", string="Comeback of", copy=False, index="btree_not_null",
                                     help="The earlier order whose work the car came back for (返修).")
    comeback_technician_ids = fields.Many2many(
        "res.users", string="Technicians of the First Repair", compute="_compute_comeback_technician_ids"
    )
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    # The QC inspector's queue: the work orders whose jobs are all finished, the longest waiting first.
    qc_waiting_since = fields.Datetime(
        string="Jobs Finished", compute="_compute_qc_waiting_since", store=True, index="btree_not_null",
        aftersales_step=True, help="When the last job was finished: since then the car waits for its quality check.",
    )
    aftersales_stage = fields.Selection(
        selection_add=[("qc", "Waiting for Quality Check"), ("ready",)],
    )

    @api.depends("quality_check_ids.state", "quality_check_ids.check_date")
    def _compute_quality_state(self):
        for order in self:
            last = order.quality_check_ids.sorted(lambda check: (check.check_date, check.id))[-1:]
            order.quality_state = last.state or "none"

    @api.depends("job_ids.state", "job_ids.done_date")
    def _compute_qc_waiting_since(self):
        for order in self:
            jobs = order.job_ids
            done = jobs.filtered(lambda job: job.state == "done" and job.done_date)
            to_do = jobs.filtered(lambda job: job.state in ("proposed", "approved"))
            order.qc_waiting_since = max(done.mapped("done_date")) if done and not to_do else False

    @api.depends("comeback_of_id")
    def _compute_comeback_technician_ids(self):
        for order in self:
            order.comeback_technician_ids = order.comeback_of_id.job_ids.assignment_ids.technician_id

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for order in self:
            order.is_late = bool(order.promised_date and order.promised_date < now and not order.delivery_date)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on lateness."))
        late = [("promised_date", "<", fields.Datetime.now()), ("delivery_date", "=", False),
                ("state", "not in", ("cancel",))]
        return late if (operator == "=") == value else ["!", "&", "&", *late]

    @api.depends("quality_state")
    def _compute_aftersales_stage(self):
        return super()._compute_aftersales_stage()

    def _aftersales_stage(self):
        # Every job done: the car is the inspector's until he passes it and ends the repair.
        stage = super()._aftersales_stage()
        if stage in ("confirmed", "in_repair") and self.job_ids \
                and not self.job_ids.filtered(lambda job: job.state in ("proposed", "approved")):
            return "qc"
        return stage

    def _compute_repair_steps_by_advisor(self):
        # The first clock of a technician starts the repair; the passed quality check ends it.
        self.repair_steps_by_advisor = False

    @api.depends("quality_state")
    def _compute_delivery_blockers(self):
        return super()._compute_delivery_blockers()

    def _get_delivery_blockers(self):
        blockers = super()._get_delivery_blockers()
        if self.is_aftersales and self.quality_state != "passed":
            blockers.append(self.env._("The quality check has not passed."))
        return blockers

    def _get_repair_end_blockers(self):
        blockers = super()._get_repair_end_blockers()
        if self.quality_state != "passed":
            blockers.append(self.env._(
                "Work order %(order)s needs a passed quality check before the repair ends.", order=self.name
            ))
        return blockers

    def action_handover_to_workshop(self):
        return self._handover_to_workshop()

    @business_step
    def _handover_to_workshop(self, foreman=None):
        """Keys, work order and check-in sheet go to the foreman (the user unless given; time kept)."""
        for order in self:
            if order.state not in ("confirmed", "under_repair"):
                raise UserError(self.env._("Hand over an approved work order."))
            if order.handover_date:
                raise UserError(self.env._("Work order %(order)s is already with the workshop.", order=order.name))
        self.write({"handover_date": fields.Datetime.now(),
                    "handover_foreman_id": (foreman or self.env.user).id})
        return True

    def action_repair_end(self):
        if self._aftersales_ended_by_inspector():
            # The QC inspector ends the repair he passed; he holds no rights on orders and stock moves.
            return super(RepairOrder, self.sudo()).action_repair_end()  # sudo: inspectors hold no order rights
        return super().action_repair_end()

    def _aftersales_ended_by_inspector(self):
        """Whether the QC inspector ends these after-sales repairs beyond his rights on orders; the end's
        rules, the passed quality check among them, still hold."""
        return (
            bool(self) and all(order.vehicle_id for order in self)
            and self.env.user.has_group("aftersales_workshop.group_qc_inspector")
            and not self.has_access("write")
        )

    def _add_service_package(self, package, payer="customer"):
        self.ensure_one()
        return self.env["aftersales.service.package"]._apply_to_order(package, self, payer=payer)

    def _proposed_service_package(self):
        """The package for the car's model whose mileage is nearest the mileage in (40 210 km: the
        40 000 km service); the larger one when two are as near."""
        self.ensure_one()
        mileage = self.mileage_in or self.vehicle_id.current_mileage
        packages = self.env["aftersales.service.package"].search([
            "|", ("model_ids", "=", False), ("model_ids", "in", self.vehicle_id.model_id.ids),
        ])
        if not packages or not mileage:
            return packages[:1]
        return min(packages, key=lambda package: (abs(package.mileage_interval - mileage), -package.mileage_interval))

    def action_open_package_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add a Service Package"),
            "res_model": "aftersales.service.package.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id, "default_package_id": self._proposed_service_package().id},
        }

    def action_request_quality_check(self):
        """The inspector's check of the car: the one he started and did not decide yet, or a new one."""
        self.ensure_one()
        pending = self.quality_check_ids.filtered(lambda check: check.state == "pending")[:1]
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.quality.check",
            "view_mode": "form",
            "res_id": pending.id,
            "context": {"default_repair_id": self.id},
        }
