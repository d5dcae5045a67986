from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import LazyTranslate

from odoo.addons.aftersales_reception.tools import business_step, normalize_plate, process_in_batches

from .aftersales_job_clock import PAUSE_REASONS

_lt = LazyTranslate(__name__)
# The dispatch board's column of the jobs no technician has yet (未派工).
NOT_DISPATCHED = _lt("Not Dispatched")
# The work orders whose approved jobs the workshop does: approved by the customer, not finished.
OPEN_ORDER_STATES = ("confirmed", "under_repair")


class AftersalesJob(models.Model):
    _inherit = "aftersales.job"

    operation_id = fields.Many2one("aftersales.labour.operation", string="Labour Operation", check_company=True)
    assignment_ids = fields.One2many("aftersales.job.assignment", "job_id", string="Technicians")
    team_id = fields.Many2one("aftersales.workshop.team", index="btree_not_null",
                              compute="_compute_team_id", store=True, readonly=False)
    bay_id = fields.Many2one("aftersales.workshop.bay", index="btree_not_null")
    skill_ids = fields.Many2many(related="operation_id.skill_ids", string="Skills Needed")
    technician_ids = fields.Many2many("res.users", string="Technician Users", compute="_compute_technician_ids",
                                      search="_search_technician_ids")
    clock_ids = fields.One2many("aftersales.job.clock", "job_id", string="Time Clocks")
    vehicle_model_id = fields.Many2one(related="vehicle_id.model_id", string="Model")
    my_clock_start = fields.Datetime(
        string="Working Since", compute="_compute_my_clock_start",
        help="When the user clocked on the job, while he works on it: the timer of his job card.",
    )
    # The clocks and the quality check set these: stored figures, never typed in.
    clocked_hours = fields.Float(compute="_compute_clocked_hours", store=True, digits=(16, 2), aftersales_step=True)
    work_state = fields.Selection(
        [("waiting", "Waiting"), ("in_progress", "In Progress"), ("paused", "Paused"), ("done", "Done")],
        compute="_compute_work_state", store=True, index=True, aftersales_step=True,
    )
    pause_reason = fields.Selection(PAUSE_REASONS, compute="_compute_work_state", store=True, aftersales_step=True)
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    rework_count = fields.Integer(copy=False, aftersales_step=True, help="Times the quality check sent the job back.")
    progress_alert_date = fields.Datetime(copy=False, aftersales_step=True,
                                          help="When the advisor was asked to check progress.")
    # The dispatch board's column: written by dragging a card, which runs the dispatch step (see write).
    dispatch_technician_id = fields.Many2one(
        "res.users", string="Main Technician", compute="_compute_dispatch_technician_id", store=True,
        readonly=False, index="btree_not_null", group_expand="_group_expand_dispatch_technician_id",
        falsy_value_label=NOT_DISPATCHED, aftersales_step=True,
        help="The technician with the largest share of the job: the job shows in his column of the dispatch board.",
    )
    dispatch_sequence = fields.Integer(
        default=10, copy=False, help="The order of the jobs in a technician's column of the dispatch board."
    )
    license_plate = fields.Char(string="Plate", compute="_compute_board_figures", search="_search_license_plate")
    promised_date = fields.Datetime(string="Promised Time", compute="_compute_board_figures")
    is_late = fields.Boolean(string="Late", compute="_compute_board_figures", search="_search_is_late",
                             help="The work order's promised time has passed.")

    @api.onchange("operation_id")
    def _onchange_operation_id(self):
        if self.operation_id:
            self.name = self.operation_id.name
            self.labour_hours = self.operation_id._hours_for_model(self.repair_id.vehicle_id.model_id)

    @api.depends("operation_id")
    def _compute_team_id(self):
        for job in self:
            if job.operation_id.team_id:
                job.team_id = job.operation_id.team_id

    @api.depends("assignment_ids.technician_id")
    def _compute_technician_ids(self):
        for job in self:
            job.technician_ids = job.assignment_ids.technician_id

    def _search_technician_ids(self, operator, value):
        return [("assignment_ids.technician_id", operator, value)]

    @api.depends("assignment_ids.technician_id", "assignment_ids.share")
    def _compute_dispatch_technician_id(self):
        for job in self:
            main = job.assignment_ids.sorted(lambda assignment: (-assignment.share, assignment.id))[:1]
            job.dispatch_technician_id = main.technician_id

    @api.model
    def _group_expand_dispatch_technician_id(self, technicians, domain):
        # Every technician of the workshop is a column of the board, even without a job, by name; someone else
        # holding a job (a foreman who took one) keeps his column too.
        Users = self.env["res.users"]
        workshop = Users._aftersales_technician_domain() & Domain("company_ids", "in", self.env.companies.ids)
        return Users.search(workshop | Domain("id", "in", technicians.ids), order="name, id")

    @api.model
    def web_read_group(self, domain, groupby, aggregates=(), limit=None, offset=0, order=None, *,
                       auto_unfold=False, opening_info=None, unfold_read_default_limit=80, **kwargs):
        if auto_unfold and not opening_info and list(groupby) == ["dispatch_technician_id"]:
            # The board opens with the jobs still to dispatch in view (Odoo folds the column of an empty value).
            opening_info = [{"value": False, "folded": False, "offset": 0, "limit": unfold_read_default_limit}]
        return super().web_read_group(
            domain, groupby, aggregates, limit=limit, offset=offset, order=order, auto_unfold=auto_unfold,
            opening_info=opening_info, unfold_read_default_limit=unfold_read_default_limit, **kwargs,
        )

    def _web_read_group_expand(self, domain, groups, groupby_spec, aggregates, order):
        # The jobs still to dispatch come first on the board, left of the technicians' columns.
        groups = super()._web_read_group_expand(domain, groups, groupby_spec, aggregates, order)
        if groupby_spec == "dispatch_technician_id":
            groups.sort(key=lambda group: bool(group[0]))
        return groups

    @api.depends("vehicle_id.license_plate", "repair_id.promised_date")
    def _compute_board_figures(self):
        for job in self:
            job.license_plate = job.vehicle_id.license_plate
            job.promised_date = job.repair_id.promised_date
            job.is_late = job.repair_id.is_late

    def _search_license_plate(self, operator, value):
        # A plate is found however it is typed (浙AV2374, 浙a·v2374): the vehicle's normalised plate.
        if operator in ("in", "not in"):
            value = [normalize_plate(plate) if isinstance(plate, str) else plate for plate in value]
        elif isinstance(value, str):
            value = normalize_plate(value)
        return [("vehicle_id.license_plate_key", operator, value)]

    def _search_is_late(self, operator, value):
        return [("repair_id.is_late", operator, value)]

    @api.depends("clock_ids.duration")
    def _compute_clocked_hours(self):
        for job in self:
            job.clocked_hours = sum(job.clock_ids.mapped("duration"))

    @api.depends("state", "clock_ids.stop", "clock_ids.pause_reason")
    def _compute_work_state(self):
        for job in self:
            clocks = job.clock_ids.sorted(lambda clock: (clock.start, clock.id))
            job.pause_reason = False
            if job.state == "done":
                job.work_state = "done"
            elif not clocks:
                job.work_state = "waiting"
            elif any(not clock.stop for clock in clocks):
                job.work_state = "in_progress"
            else:
                job.work_state = "paused"
                job.pause_reason = clocks[-1].pause_reason

    # ------------------------------------------------------------------
    # Dispatch
    # ------------------------------------------------------------------

    def write(self, vals):
        if "dispatch_technician_id" in vals:
            # A card dragged to a technician's column of the dispatch board: the write is the dispatch step, with
            # its rules (approved work order, skills, the user's rights), never a bare change of the column.
            vals = dict(vals)
            technician = self.env["res.users"].browse(vals.pop("dispatch_technician_id") or ())
            self._dispatch(technician)
            if not vals:
                return True
        return super().write(vals)

    @business_step
    def _dispatch(self, technicians):
        """The foreman's dispatch, from the board or the dispatch dialog: the jobs of approved work orders go to
        the technicians, who share each job's hours equally. Without technicians the jobs go back to the jobs
        to dispatch, when nobody has worked on them yet."""
        for job in self:
            if job.repair_id.state not in OPEN_ORDER_STATES:
                raise UserError(self.env._(
                    "Work order %(order)s is not approved by the customer or is already finished: only the jobs of "
                    "approved work orders in the workshop are dispatched.", order=job.repair_id.name,
                ))
        if technicians:
            return self._assign_technicians(technicians)
        started = self.filtered("clock_ids")
        if started:
            raise UserError(self.env._(
                "%(job)s has been worked on already: dispatch it to another technician instead.",
                job=started[0].name,
            ))
        self.write({"assignment_ids": [Command.clear()]})
        return True

    def _assign_technicians(self, technicians):
        """Dispatch: the technicians share each job's hours equally."""
        if any(job.state not in ("approved", "proposed") for job in self):
            raise UserError(self.env._("Only jobs still to do can be dispatched."))
        if not technicians:
            raise UserError(self.env._("Choose at least one technician."))
        for job in self.filtered("skill_ids"):
            # Every skill the operation needs must be held by one of the technicians.
            missing = job.skill_ids - technicians.aftersales_skill_ids
            if missing:
                raise UserError(self.env._(
                    "Job %(job)s needs %(skills)s, which none of the chosen technicians has.",
                    job=job.name, skills=", ".join(missing.mapped("name")),
                ))
        share = round(100.0 / len(technicians), 2)
        for job in self:
            job.assignment_ids = [Command.clear()] + [
                Command.create({"technician_id": technician.id, "share": share}) for technician in technicians
            ]
        return True

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        jobs._check_proposed_by_its_technician()
        return jobs

    def _check_proposed_by_its_technician(self):
        """Who does not edit jobs (a technician) adds work only to an order whose jobs are dispatched to him."""
        if self.env.su or self.has_access("write"):
            return
        user = self.env.user
        for order in self.repair_id:
            if user not in order.job_ids.assignment_ids.technician_id:
                raise AccessError(self.env._(
                    "%(technician)s works on no job of work order %(order)s: only the technicians it is "
                    "dispatched to propose additional work on it.", technician=user.name, order=order.name,
                ))

    # ------------------------------------------------------------------
    # Clocking
    # ------------------------------------------------------------------

    def _technician(self, technician):
        """Who clocks: a technician on the jobs dispatched to them; the foreman for anyone, on any job."""
        user = self.env.user
        technician = technician or user
        if not user.has_group("aftersales_workshop.group_workshop_foreman"):
            if technician != user:
                raise AccessError(self.env._("Only the workshop foreman clocks for another technician."))
            for job in self:
                if user not in job.assignment_ids.technician_id:
                    raise AccessError(self.env._(
                        "%(technician)s is not assigned to job %(job)s: only the technicians the job is "
                        "dispatched to start, pause and finish it.", technician=user.name, job=job.name,
                    ))
        for job in self:
            if job.assignment_ids and technician not in job.assignment_ids.technician_id:
                raise UserError(self.env._(
                    "%(technician)s is not assigned to job %(job)s.", technician=technician.name, job=job.name
                ))
        return technician

    @api.depends_context("uid")
    @api.depends("clock_ids.start", "clock_ids.stop", "clock_ids.technician_id")
    def _compute_my_clock_start(self):
        for job in self:
            job.my_clock_start = job._open_clocks(self.env.user)[:1].start

    def _open_clocks(self, technician):
        return self.clock_ids.filtered(lambda clock: not clock.stop and clock.technician_id == technician)

    def action_clock_start(self):
        return self._clock_start()

    @business_step
    def _clock_start(self, technician=None):
        """``technician`` clocks on (the user, or a technician the foreman clocks on for)."""
        self.ensure_one()
        technician = self._technician(technician)
        if self.state != "approved":
            raise UserError(self.env._("Only an approved job can be worked on."))
        if self.repair_id.state not in ("confirmed", "under_repair"):
            raise UserError(self.env._(
                "Work order %(order)s is not approved yet: work starts after the customer's approval.",
                order=self.repair_id.name,
            ))
        if self._open_clocks(technician):
            raise UserError(self.env._("%(technician)s is already working on %(job)s.",
                                       technician=technician.name, job=self.name))
        if self.repair_id.state == "confirmed":
            # sudo: the first clock-on starts the repair; technicians hold no rights on work orders.
            self.repair_id.sudo().action_repair_start()
        self.env["aftersales.job.clock"].create({"job_id": self.id, "technician_id": technician.id})
        return True

    @business_step
    def _clock_pause(self, reason="other", technician=None):
        self.ensure_one()
        technician = self._technician(technician)
        clocks = self._open_clocks(technician)
        if not clocks:
            raise UserError(self.env._("%(technician)s is not working on %(job)s.",
                                       technician=technician.name, job=self.name))
        clocks.write({"stop": fields.Datetime.now(), "pause_reason": reason})
        return True

    def action_open_extra_work_wizard(self):
        """Work found on the car during the job (追加项目): the technician proposes it from his job card."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Propose Additional Work"),
            "res_model": "aftersales.extra.work.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_id": self.id},
        }

    def action_open_pause_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Why do you pause?"),
            "res_model": "aftersales.job.pause.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_id": self.id},
        }

    def action_clock_finish(self):
        return self._clock_finish()

    @business_step
    def _clock_finish(self, technician=None):
        """The technician's part is finished; the job is done when nobody works on it any more."""
        self.ensure_one()
        technician = self._technician(technician)
        clocks = self._open_clocks(technician)
        if not clocks:
            raise UserError(self.env._("%(technician)s is not working on %(job)s.",
                                       technician=technician.name, job=self.name))
        clocks.write({"stop": fields.Datetime.now()})
        if not self.clock_ids.filtered(lambda clock: not clock.stop):
            # sudo: jobs are written by advisors and foremen; the last technician's finish marks the job done.
            self.sudo().action_mark_done()
        return True

    @business_step
    def action_reopen(self):
        # Rework counts each time a finished job goes back to the workshop.
        result = super().action_reopen()
        for job in self:
            job.rework_count += 1
        return result

    # ------------------------------------------------------------------
    # Additional work found in the workshop
    # ------------------------------------------------------------------

    def _propose_additional_work(self, name, reason, hours, products=None, photo=False):
        """Create a proposed additional job for the advisor to put to the customer."""
        self.ensure_one()
        order = self.repair_id
        if order.state not in ("confirmed", "under_repair"):
            raise UserError(self.env._("Additional work is proposed on a work order in progress."))
        # The proposal is the technician's own job (reception's rule: additional work on an order in progress);
        # the decision is the customer's.
        job = self.create({
            "repair_id": order.id,
            "name": name,
            "additional_reason": reason,
            "labour_hours": hours,
            "added_hours": hours,
            "is_additional": True,
            "payer": self.payer,
        })
        if products:
            self.env["stock.move"].sudo().create([  # sudo: the store's moves; the technician names the parts
                {"repair_id": order.id, "aftersales_job_id": job.id, "repair_line_type": "add",
                 "product_id": product.id, "product_uom_qty": 1.0}
                for product in products
            ])
        if photo:
            # sudo: the photo joins the work order's documents; technicians do not edit work orders.
            self.env["ir.attachment"].sudo().create({
                "name": f"{name}.png", "datas": photo, "res_model": "repair.order", "res_id": order.id,
            })
        # sudo: the advisor's to-do goes on a work order the technician does not edit.
        order.sudo().activity_schedule(
            "mail.mail_activity_data_call",
            summary=self.env._("Additional work to put to the customer: %(job)s", job=name),
            note=self.env._("Found by %(technician)s during %(job)s: %(reason)s",
                            technician=self.env.user.name, job=self.name, reason=reason),
            user_id=order.user_id.id or self.env.user.id,
        )
        return job

    # ------------------------------------------------------------------
    # Progress
    # ------------------------------------------------------------------

    @api.model
    @business_step
    def _cron_check_progress(self):
        """Ask the advisor to check with the workshop when a job used most of its time.

        In batches: each batch's to-dos and the jobs' alert dates are committed together, so a run killed in
        the middle and run again asks nothing twice and forgets no job.
        """
        jobs = self.search([
            ("work_state", "in", ("in_progress", "paused")),
            ("progress_alert_date", "=", False),
            ("labour_hours", ">", 0),
        ], order="id")
        alerted = []
        process_in_batches(jobs, lambda batch: alerted.append(self._alert_progress(batch)))
        return sum(alerted)

    @business_step
    def _alert_progress(self, jobs):
        """One batch of the progress check: the advisor's to-do on each job past its threshold, and the job's
        alert date. Returns how many jobs were alerted."""
        now = fields.Datetime.now()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        alerted = self.browse()
        for job in jobs:
            running = sum(
                (now - clock.start).total_seconds() / 3600.0 for clock in job.clock_ids if not clock.stop
            )
            used = job.clocked_hours + running
            threshold = job.company_id.aftersales_progress_alert_percent / 100.0
            if used < job.labour_hours * threshold:
                continue
            order = job.repair_id
            remaining = max(job.labour_hours - used, 0.0)
            late = order.promised_date and fields.Datetime.add(now, hours=remaining) > order.promised_date
            note = self.env._(
                "Job %(job)s has used %(used)s of %(planned)s hours. Check with the workshop that %(order)s "
                "will be ready on time.", job=job.name, used=round(used, 1), planned=job.labour_hours,
                order=order.name,
            )
            if late:
                note += " " + self.env._(
                    "It will overrun the promised time: tell the customer now and record the new time."
                )
            order.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Check progress: %(order)s", order=order.name),
                note=note,
                user_id=order.user_id.id or self.env.user.id,
            )
            alerted |= job
        alerted.write({"progress_alert_date": now})
        return len(alerted)
