import re
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_datetime

from ..tools import amount_to_chinese_capitals, business_step, check_text_lengths, process_in_batches

ACTIVE_STATES = ("booked", "confirmed", "checked_in")


class AftersalesAppointment(models.Model):
    """A booked visit (预约): a reception slot with an advisor and hours of workshop capacity."""

    _name = "aftersales.appointment"
    _description = "Service Appointment"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin",
                "aftersales.customer.message.mixin"]
    _aftersales_sequence_code = "aftersales.appointment"
    _order = "start_date, id"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    state = fields.Selection(
        [("booked", "Booked"), ("confirmed", "Confirmed"), ("checked_in", "Checked In"), ("no_show", "No Show"),
         ("cancelled", "Cancelled")],
        default="booked", required=True, tracking=True, index=True, copy=False, aftersales_step=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, check_company=True, tracking=True,
                                 compute="_compute_partner_id", store=True, readonly=False, precompute=True)
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, check_company=True, index=True,
                                 domain="[('vehicle_usage', '=', 'customer')]")
    license_plate = fields.Char(related="vehicle_id.license_plate")
    advisor_id = fields.Many2one("res.users", string="Service Advisor", required=True, check_company=True,
                                 default=lambda self: self.env.user, tracking=True, index=True)
    start_date = fields.Datetime(string="Arrival", required=True, tracking=True, index=True)
    duration = fields.Float(string="Workshop Hours", default=1.0, required=True,
                            help="Expected workshop hours of the visit, booked against the day's capacity.")
    end_date = fields.Datetime(compute="_compute_end_date", store=True)
    source = fields.Selection(
        [("customer_call", "Customer Call"), ("reminder", "Reminder"), ("online", "Online"),
         ("walk_in", "Walk-in")],
        required=True, default="customer_call",
    )
    requested_services = fields.Text()
    parts_to_prepare = fields.Text(string="Parts Notes",
                                   help="What the parts store should know beyond the parts listed.")
    part_line_ids = fields.One2many("aftersales.appointment.part", "appointment_id", string="Parts to Prepare",
                                    copy=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    parts_amount = fields.Monetary(string="Parts Total", compute="_compute_deposit_required", store=True)
    deposit_required = fields.Monetary(
        compute="_compute_deposit_required", store=True,
        help="The company's share of the price of the parts that need a deposit (预约定金).",
    )
    deposit_payment_ids = fields.One2many("account.payment", "aftersales_appointment_id", string="Deposit Payments",
                                          readonly=True)
    deposit_paid = fields.Monetary(compute="_compute_deposit_paid", compute_sudo=True,
                                   help="The deposits the customer paid for this appointment.")
    deposit_due = fields.Monetary(compute="_compute_deposit_paid", compute_sudo=True)
    capacity_override = fields.Boolean(
        copy=False, tracking=True, help="The service manager accepts this booking beyond the day's capacity.",
    )
    confirmed_date = fields.Datetime(copy=False, aftersales_step=True)
    reminder_sent_date = fields.Datetime(copy=False, aftersales_step=True)
    rebooked_from_id = fields.Many2one("aftersales.appointment", string="Rebooked from", copy=False,
                                       readonly=True)
    check_in_id = fields.Many2one("aftersales.check.in", string="Check-in", copy=False, readonly=True,
                                  aftersales_step=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", copy=False, readonly=True,
                                aftersales_step=True)
    free_slots_html = fields.Html(string="Free Slots", compute="_compute_free_slots_html", sanitize=False)

    _duration_positive = models.Constraint("CHECK(duration > 0)", "An appointment needs workshop hours.")
    # The slot check below reads only what is committed: two sessions booking the same slot at once
    # both pass it, the database keeps the second out.
    _advisor_slot_unique = models.UniqueIndex(
        "(advisor_id, start_date) WHERE state IN ('booked', 'confirmed') AND source != 'walk_in'",
        "The service advisor already receives a customer at this time: pick another free slot.",
    )

    @api.depends("vehicle_id")
    def _compute_partner_id(self):
        for appointment in self:
            if appointment.vehicle_id.customer_id:
                appointment.partner_id = appointment.vehicle_id.customer_id

    @api.depends("start_date", "company_id.aftersales_slot_minutes")
    def _compute_end_date(self):
        for appointment in self:
            slot = timedelta(minutes=appointment.company_id.aftersales_slot_minutes or 15)
            appointment.end_date = appointment.start_date and appointment.start_date + slot

    @api.depends("part_line_ids.price_subtotal", "part_line_ids.needs_deposit", "company_id.aftersales_deposit_percent")
    def _compute_deposit_required(self):
        for appointment in self:
            lines = appointment.part_line_ids
            appointment.parts_amount = sum(lines.mapped("price_subtotal"))
            deposit_base = sum(lines.filtered("needs_deposit").mapped("price_subtotal"))
            appointment.deposit_required = appointment.currency_id.round(
                deposit_base * appointment.company_id.aftersales_deposit_percent / 100.0
            )

    @api.depends("deposit_payment_ids.amount", "deposit_payment_ids.state", "deposit_required")
    def _compute_deposit_paid(self):
        for appointment in self:
            paid = sum(appointment.deposit_payment_ids.filtered(
                lambda payment: payment.state in ("in_process", "paid")
            ).mapped("amount"))
            appointment.deposit_paid = paid
            appointment.deposit_due = max(appointment.deposit_required - paid, 0.0)

    def _amount_capitals(self, amount):
        """An amount in Chinese capital numerals (大写金额), as the appointment sheet prints the deposit."""
        return amount_to_chinese_capitals(amount)

    def _check_parts_editable(self):
        if any(appointment.state not in ("booked", "confirmed") for appointment in self):
            raise UserError(self.env._(
                "The parts of an appointment are changed only before check-in; at the visit the work order "
                "lists the parts."
            ))

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("capacity_override") for vals in vals_list):
            self._check_override_rights()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("capacity_override"):
            self._check_override_rights()
        return super().write(vals)

    def _check_override_rights(self):
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager can book beyond the workshop's capacity."))

    # ------------------------------------------------------------------
    # Slots and capacity
    # ------------------------------------------------------------------

    @api.model
    def _reception_calendar(self, advisor, company):
        return advisor.resource_calendar_id or company.resource_calendar_id

    @api.model
    def _day_bounds(self, calendar, day):
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min))
        return start, start + timedelta(days=1)

    @api.model
    def _reception_slots(self, advisor, company, day):
        """The advisor's reception slots of a day, as (start UTC naive, is_buffer) pairs.

        Slots follow the working hours; after every N bookable slots one stays free as a buffer
        (N = 3 by default: 9:00, 9:15, 9:30 bookable, 9:45 free).
        """
        calendar = self._reception_calendar(advisor, company)
        length = timedelta(minutes=company.aftersales_slot_minutes)
        cycle = company.aftersales_slots_before_buffer + 1
        day_start, day_end = self._day_bounds(calendar, day)
        slots = []
        for start, stop, _meta in calendar._work_intervals_batch(day_start, day_end)[False]:
            current = start
            while current + length <= stop:
                index = len(slots)
                slots.append((current.astimezone(pytz.utc).replace(tzinfo=None), index % cycle == cycle - 1))
                current += length
        return slots

    @api.model
    def _workshop_capacity_hours(self, company, day):
        """Working hours of the day of the company's technicians, from their resource calendars."""
        technicians = self.env["res.users"]._aftersales_role_users(
            "aftersales_reception.group_workshop_technician", company
        )
        hours = 0.0
        for calendar in technicians.mapped(lambda user: user.resource_calendar_id or company.resource_calendar_id):
            count = len(technicians.filtered(
                lambda user, c=calendar: (user.resource_calendar_id or company.resource_calendar_id) == c
            ))
            day_start, day_end = self._day_bounds(calendar, day)
            hours += count * calendar.get_work_hours_count(day_start, day_end)
        return hours

    @api.model
    def _booked_hours_by_day(self, company, first_day, last_day, exclude=None):
        """Workshop hours booked per local day, in one grouped query."""
        calendar = company.resource_calendar_id
        start, _end = self._day_bounds(calendar, first_day)
        _start, end = self._day_bounds(calendar, last_day)
        domain = [
            ("company_id", "=", company.id),
            ("state", "in", ACTIVE_STATES),
            ("start_date", ">=", start.astimezone(pytz.utc).replace(tzinfo=None)),
            ("start_date", "<", end.astimezone(pytz.utc).replace(tzinfo=None)),
        ]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        tz = pytz.timezone(calendar.tz or "UTC")
        booked = {}
        for appointment in self.search(domain):
            local_day = pytz.utc.localize(appointment.start_date).astimezone(tz).date()
            booked[local_day] = booked.get(local_day, 0.0) + appointment.duration
        return booked

    def _local_day(self):
        self.ensure_one()
        tz = pytz.timezone(self.company_id.resource_calendar_id.tz or "UTC")
        return pytz.utc.localize(self.start_date).astimezone(tz).date()

    @api.constrains("start_date")
    def _check_arrival_not_past(self):
        """A booking, or a booking moved, is from now on; the current slot still takes a walk-in.

        Runs on create and when the arrival changes only: yesterday's kept appointments stay.
        """
        now = fields.Datetime.now()
        for appointment in self.filtered(lambda a: a.state in ("booked", "confirmed")):
            slot = timedelta(minutes=appointment.company_id.aftersales_slot_minutes or 15)
            if appointment.start_date < now - slot:
                raise ValidationError(self.env._(
                    "The arrival %(time)s is in the past: book a time from now on (a customer who is here "
                    "now is booked as a walk-in at the current time).",
                    time=format_datetime(self.env, appointment.start_date),
                ))
            if appointment.start_date > now + timedelta(days=366):
                raise ValidationError(self.env._(
                    "The arrival %(time)s is more than a year ahead: check the year.",
                    time=format_datetime(self.env, appointment.start_date),
                ))

    @api.constrains("duration", "company_id")
    def _check_duration(self):
        for appointment in self:
            limit = appointment.company_id.aftersales_max_job_hours
            if appointment.duration <= 0:
                raise ValidationError(self.env._(
                    "An appointment needs workshop hours: enter the expected hours of the visit."
                ))
            if limit and appointment.duration > limit:
                raise ValidationError(self.env._(
                    "An appointment of %(hours)s workshop hours is beyond the %(limit)s hours a job may "
                    "take (after-sales settings): check the figure.",
                    hours=appointment.duration, limit=limit,
                ))

    @api.constrains("requested_services", "parts_to_prepare")
    def _check_text_lengths(self):
        check_text_lengths(self, {"requested_services": 2000, "parts_to_prepare": 2000})

    @api.constrains("start_date", "advisor_id", "state", "source")
    def _check_reception_slot(self):
        for appointment in self.filtered(lambda a: a.state in ("booked", "confirmed") and a.source != "walk_in"):
            slots = dict(self._reception_slots(appointment.advisor_id, appointment.company_id,
                                               appointment._local_day()))
            start = appointment.start_date.replace(second=0, microsecond=0)
            if start not in slots:
                raise ValidationError(self.env._(
                    "%(time)s is not a reception slot of %(advisor)s: pick a free slot within working hours.",
                    time=format_datetime(self.env, appointment.start_date), advisor=appointment.advisor_id.name,
                ))
            if slots[start]:
                raise ValidationError(self.env._(
                    "%(time)s is kept free as a buffer between bookings; pick another slot.",
                    time=format_datetime(self.env, appointment.start_date),
                ))
            clash = self.search_count([
                ("id", "!=", appointment.id),
                ("advisor_id", "=", appointment.advisor_id.id),
                ("state", "in", ("booked", "confirmed")),
                ("start_date", "=", appointment.start_date),
            ], limit=1)
            if clash:
                raise ValidationError(self.env._(
                    "%(advisor)s already receives a customer at %(time)s.",
                    advisor=appointment.advisor_id.name, time=format_datetime(self.env, appointment.start_date),
                ))

    @api.constrains("start_date", "duration", "state", "capacity_override")
    def _check_workshop_capacity(self):
        # Capacity rules bookings; a walk-in customer is already here and is always taken in.
        for appointment in self.filtered(
            lambda a: a.state in ("booked", "confirmed") and not a.capacity_override and a.source != "walk_in"
        ):
            day = appointment._local_day()
            capacity = self._workshop_capacity_hours(appointment.company_id, day)
            booked = self._booked_hours_by_day(appointment.company_id, day, day).get(day, 0.0)
            if booked > capacity:
                raise ValidationError(self.env._(
                    "The workshop is full on %(day)s: %(booked)s hours booked for %(capacity)s hours of "
                    "technicians' time. Choose another day, or ask the service manager to override.",
                    day=day, booked=round(booked, 1), capacity=round(capacity, 1),
                ))

    @api.depends("advisor_id", "start_date", "company_id", "duration", "state")
    @api.depends_context("lang")
    def _compute_free_slots_html(self):
        for appointment in self:
            appointment.free_slots_html = appointment._render_free_slots()

    def _free_slots(self, first_day, days):
        """Free reception slots and remaining workshop hours for the next days."""
        self.ensure_one()
        company, advisor = self.company_id or self.env.company, self.advisor_id or self.env.user
        last_day = first_day + timedelta(days=days - 1)
        calendar = company.resource_calendar_id
        start, _ = self._day_bounds(calendar, first_day)
        _, end = self._day_bounds(calendar, last_day)
        taken = set(self.search([
            ("advisor_id", "=", advisor.id),
            ("state", "in", ("booked", "confirmed")),
            ("start_date", ">=", start.astimezone(pytz.utc).replace(tzinfo=None)),
            ("start_date", "<", end.astimezone(pytz.utc).replace(tzinfo=None)),
            ("id", "not in", self.ids if isinstance(self.id, int) else []),
        ]).mapped("start_date"))
        booked = self._booked_hours_by_day(company, first_day, last_day)
        now = fields.Datetime.now()
        result = []
        for offset in range(days):
            day = first_day + timedelta(days=offset)
            free = [slot for slot, is_buffer in self._reception_slots(advisor, company, day)
                    if not is_buffer and slot not in taken and slot > now]
            capacity = self._workshop_capacity_hours(company, day)
            result.append((day, free, capacity - booked.get(day, 0.0)))
        return result

    def _free_slots_by_period(self, first_day, days):
        """The free slots of the next days split into morning and afternoon (local time, from noon), each
        slot as its local time and its arrival (UTC), as the booking form shows them."""
        self.ensure_one()
        company = self.company_id or self.env.company
        tz = pytz.timezone(company.resource_calendar_id.tz or "UTC")
        result = []
        for day, free, remaining in self._free_slots(first_day, days):
            periods = {"morning": [], "afternoon": []}
            for slot in free:
                local = pytz.utc.localize(slot).astimezone(tz)
                periods["morning" if local.hour < 12 else "afternoon"].append({
                    "time": local.strftime("%H:%M"),
                    "value": fields.Datetime.to_string(slot),
                    "selected": slot == self.start_date,
                })
            result.append({"day": day, "remaining": remaining, "short": remaining < self.duration, **periods})
        return result

    def _render_free_slots(self):
        """The free slots and hours of the next days, as the booking form shows them (QWeb): every slot of
        the day, a click on one takes it as the arrival."""
        self.ensure_one()
        company = self.company_id or self.env.company
        days = self._free_slots_by_period(fields.Date.context_today(self), company.aftersales_booking_days)
        for row in days:
            row["label"] = f"{format_date(self.env, row['day'])} {format_date(self.env, row['day'], date_format='EEE')}"
        return self.env["ir.qweb"]._render("aftersales_reception.appointment_free_slots", {
            "days": days, "bookable": self.state in ("booked", "confirmed"),
        })

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @business_step
    def action_confirm(self):
        if any(appointment.state != "booked" for appointment in self):
            raise UserError(self.env._("Only booked appointments can be confirmed."))
        self.write({"state": "confirmed", "confirmed_date": fields.Datetime.now()})
        template = self.env.ref("aftersales_reception.mail_template_appointment_confirmation",
                                raise_if_not_found=False)
        if template:
            for appointment in self.filtered("partner_id.email"):
                appointment.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        self._aftersales_send_customer_message(
            "appointment_confirmed",
            self.env.ref("aftersales_reception.sms_template_appointment_confirmed", raise_if_not_found=False),
            lambda appointment: self.env._(
                "Your service appointment %(ref)s for %(plate)s is confirmed for %(time)s.",
                ref=appointment.name, plate=appointment.license_plate or "",
                time=format_datetime(self.env, appointment.start_date, tz=appointment.partner_id.tz),
            ),
        )
        return True

    def action_open_deposit_wizard(self):
        self.ensure_one()
        self._check_deposit_rights()
        if self.state not in ("booked", "confirmed"):
            raise UserError(self.env._("A deposit is taken on a booked or confirmed appointment."))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Deposit"),
            "res_model": "aftersales.deposit.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appointment_id": self.id},
        }

    def _check_deposit_rights(self):
        user = self.env.user
        if not user.has_group("aftersales_reception.group_cashier") and not user.has_group(
            "aftersales_reception.group_service_advisor"
        ):
            raise AccessError(self.env._("Only the cashier or a service advisor takes a deposit."))

    def _apply_deposits(self, invoices):
        """Pay the customer's settlement invoices with the appointment's deposits, as far as they go.

        The deposits stay as the customer's credit otherwise (a cancelled visit): the cashier refunds them
        or keeps them for the next visit.
        """
        payments = self.deposit_payment_ids.filtered(lambda payment: payment.state in ("in_process", "paid"))
        if not payments or not invoices:
            return
        # The advisor settling holds no accounting rights; the reconciliation is the cashier's bookkeeping.
        payment_lines = payments.sudo().move_id.line_ids  # sudo: as above
        invoice_lines = invoices.sudo().line_ids  # sudo: as above
        for account in invoice_lines.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        ).account_id:
            lines = (payment_lines + invoice_lines).filtered(
                lambda line, account=account: line.account_id == account and not line.reconciled
            )
            if lines.filtered(lambda line: line.balance < 0) and lines.filtered(lambda line: line.balance > 0):
                lines.reconcile()

    @business_step
    def action_mark_no_show(self):
        now = fields.Datetime.now()
        for appointment in self:
            if appointment.state not in ("booked", "confirmed"):
                raise UserError(self.env._("Only a booked or confirmed appointment can be a no-show."))
            if appointment.start_date > now:
                raise UserError(self.env._("The customer is not late yet: the appointment is at %(time)s.",
                                           time=format_datetime(self.env, appointment.start_date)))
        self.write({"state": "no_show"})
        return True

    @business_step
    def action_cancel(self):
        if any(appointment.state in ("checked_in",) for appointment in self):
            raise UserError(self.env._("A checked-in appointment cannot be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def _rebook(self, start_date):
        """A no-show or cancelled appointment is booked again at a new time."""
        self.ensure_one()
        if self.state not in ("no_show", "cancelled"):
            raise UserError(self.env._("Only a no-show or a cancelled appointment is rebooked."))
        return self.copy({"start_date": start_date, "rebooked_from_id": self.id, "source": "reminder"})

    def action_rebook(self):
        """Open a new booking for the same car and services; the advisor picks a free slot."""
        self.ensure_one()
        if self.state not in ("no_show", "cancelled"):
            raise UserError(self.env._("Only a no-show or a cancelled appointment is rebooked."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.appointment",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_vehicle_id": self.vehicle_id.id,
                "default_partner_id": self.partner_id.id,
                "default_advisor_id": self.advisor_id.id,
                "default_duration": self.duration,
                "default_requested_services": self.requested_services,
                "default_parts_to_prepare": self.parts_to_prepare,
                "default_rebooked_from_id": self.id,
                "default_source": "reminder",
            },
        }

    def _requested_concerns(self):
        """The requested services, one concern a line (or a Chinese list separator)."""
        self.ensure_one()
        return [part.strip() for part in re.split(r"[\n；;]", self.requested_services or "") if part.strip()]

    @business_step
    def action_check_in(self):
        """Turn the appointment into a check-in sheet, in one click."""
        self.ensure_one()
        if self.state not in ("booked", "confirmed"):
            raise UserError(self.env._("Only a booked or confirmed appointment can be checked in."))
        check_in = self.env["aftersales.check.in"].create({
            "appointment_id": self.id,
            "vehicle_id": self.vehicle_id.id,
            "partner_id": self.partner_id.id,
            "advisor_id": self.advisor_id.id,
            "company_id": self.company_id.id,
            "odometer": self.vehicle_id.current_mileage,
            # What the customer asked for when booking is where the advisor starts the check-in.
            "concern_ids": [
                Command.create({"name": request, "sequence": sequence})
                for sequence, request in enumerate(self._requested_concerns(), start=1)
            ],
        })
        self.write({"state": "checked_in", "check_in_id": check_in.id})
        return {"type": "ir.actions.act_window", "res_model": "aftersales.check.in", "res_id": check_in.id,
                "view_mode": "form"}

    @api.model
    @business_step
    def _cron_send_day_before_reminders(self):
        """Remind tomorrow's customers (the handbook's confirmation the day before).

        In batches: each batch's e-mails, text messages and its sent date are committed together, so a run
        killed in the middle and run again reminds no customer twice and forgets none.
        """
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        start = datetime.combine(tomorrow, time.min)
        appointments = self.search([
            ("state", "in", ("booked", "confirmed")),
            ("reminder_sent_date", "=", False),
            ("start_date", ">=", start),
            ("start_date", "<", start + timedelta(days=1)),
        ], order="start_date, id")
        return len(process_in_batches(appointments, self._send_day_before_reminders))

    @business_step
    def _send_day_before_reminders(self, appointments):
        """One batch of the day-before reminders: the e-mail, the text message, and the sent date."""
        template = self.env.ref("aftersales_reception.mail_template_appointment_reminder")
        # An SMS template, so that SMS gateways sending only approved templates can map it.
        sms_template = self.env.ref("aftersales_reception.sms_template_appointment_reminder",
                                    raise_if_not_found=False)
        for appointment in appointments:
            appointment.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        # Sent at once, as the batch is committed with its sent date.
        appointments.with_context(aftersales_sms_send_now=True)._aftersales_send_customer_message(
            "appointment_reminder", sms_template,
            lambda appointment: self.env._(
                "Reminder: your service appointment %(ref)s is on %(time)s.",
                ref=appointment.name,
                time=format_datetime(self.env, appointment.start_date, tz=appointment.partner_id.tz),
            ),
        )
        appointments.write({"reminder_sent_date": fields.Datetime.now()})
