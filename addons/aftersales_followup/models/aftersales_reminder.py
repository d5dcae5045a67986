from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools import business_step

REMINDER_KINDS = [
    ("first_service", "First Service"),
    ("maintenance", "Periodic Maintenance"),
    ("inspection", "Annual Inspection"),
    ("insurance", "Insurance Renewal"),
    ("recommendation", "Declined Recommendation"),
    ("birthday", "Birthday"),
    ("anniversary", "Car Anniversary"),
    ("campaign", "Campaign"),
    ("relationship", "Regular Contact"),
]


class AftersalesReminder(models.Model):
    """Something due for a customer vehicle (提醒 / 招揽), found by the daily reminder run."""

    _name = "aftersales.reminder"
    _description = "Customer Reminder"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.customer.message.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    # Not indexed alone: the unique key (vehicle, kind, due date) finds a vehicle's reminders, one index less to
    # fill for each reminder the daily run inserts.
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, ondelete="cascade", check_company=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    kind = fields.Selection(REMINDER_KINDS, required=True, index=True)
    due_date = fields.Date(required=True, index=True)
    due_mileage = fields.Float()
    channel = fields.Selection(
        [("phone", "Phone Call"), ("sms", "SMS"), ("email", "Email"), ("wechat", "WeChat"), ("letter", "Letter")],
        default="phone",
    )
    owner_id = fields.Many2one("res.users", index=True, help="Who contacts the customer.")
    job_id = fields.Many2one("aftersales.job", string="Declined Job", index="btree_not_null")
    campaign_id = fields.Many2one("aftersales.campaign", index="btree_not_null", ondelete="cascade")
    state = fields.Selection(
        [("open", "To Do"), ("booked", "Booked"), ("contacted", "Contacted"), ("not_interested", "Not Interested"),
         ("sold_car", "Sold the Car"), ("moved", "Moved Away"), ("cancelled", "Cancelled")],
        default="open", required=True, index=True, tracking=True, copy=False, aftersales_step=True,
    )
    result_note = fields.Char(string="Result")
    appointment_id = fields.Many2one("aftersales.appointment", copy=False, readonly=True, aftersales_step=True)
    contact_count = fields.Integer(string="Contacts", readonly=True, copy=False, aftersales_step=True)
    last_contact_date = fields.Datetime(readonly=True, copy=False, aftersales_step=True)
    letter_printed_date = fields.Datetime(string="Letter Printed", readonly=True, copy=False, aftersales_step=True)
    # An insurance reminder's answer: the renewal recorded (through the dealer or elsewhere), what 续保率 counts.
    renewal_ids = fields.One2many("aftersales.insurance.renewal", "reminder_id")
    renewal_channel = fields.Selection(
        [("dealer", "Through the Dealer"), ("elsewhere", "Elsewhere")], string="Renewed",
        compute="_compute_renewal_channel", store=True, index="btree_not_null",
    )

    _unique_due_event = models.Constraint(
        "UNIQUE(vehicle_id, kind, due_date)", "This reminder already exists for the vehicle."
    )

    @api.depends("vehicle_id.license_plate", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for reminder in self:
            plate = reminder.vehicle_id.license_plate or reminder.vehicle_id.display_name or ""
            reminder.display_name = f"{plate} {kinds.get(reminder.kind, '')}"

    @api.depends("renewal_ids.channel")
    def _compute_renewal_channel(self):
        for reminder in self:
            reminder.renewal_channel = reminder.renewal_ids[:1].channel

    # ------------------------------------------------------------------
    # The daily run
    # ------------------------------------------------------------------

    @api.model
    @business_step
    def _cron_generate_reminders(self, horizon_days=14):
        """Create what falls due within the horizon, for every customer vehicle, set-based.

        One INSERT ... SELECT per kind, each committed on its own; the unique key (vehicle, kind,
        due date) makes every statement idempotent, so a second run, or a run after a crash half-way,
        creates nothing twice.
        """
        created = {}
        kinds = list(self._reminder_queries())
        for index, kind in enumerate(kinds, start=1):
            created[kind] = self._generate_reminders(kind, horizon_days)
            if self.env.context.get("cron_id"):
                # In the scheduled run each kind is kept once done: a crash later loses nothing.
                self.env["ir.cron"]._commit_progress(created[kind], remaining=len(kinds) - index)
        return created

    @api.model
    def _reminder_queries(self):
        """kind -> SQL selecting (vehicle_id, due_date, due_mileage, job_id) of what falls due."""
        return {
            # 首保: the first service, by months or km after the sale, whichever comes first.
            "first_service": SQL("""
                SELECT v.id, LEAST(v.sale_date + make_interval(months => c.aftersales_first_service_months),
                                    CASE WHEN v.mileage_per_day > 0
                                         THEN (%(today)s::date + ((c.aftersales_first_service_km - v.current_mileage)
                                               / v.mileage_per_day)::int) END)::date,
                       c.aftersales_first_service_km::float, NULL::int
                  FROM fleet_vehicle v JOIN res_company c ON c.id = v.company_id
                 WHERE v.sale_date IS NOT NULL AND v.aftersales_last_delivery_date IS NULL
            """, today=fields.Date.context_today(self)),
            # 定保: from the last delivery's next service date and mileage (kept on the vehicle).
            "maintenance": SQL("""
                SELECT v.id, LEAST(v.aftersales_next_service_date,
                                   CASE WHEN v.mileage_per_day > 0 AND v.aftersales_next_service_mileage > 0
                                        THEN (%(today)s::date + ((v.aftersales_next_service_mileage
                                                                  - v.current_mileage)
                                              / v.mileage_per_day)::int) END)::date,
                       v.aftersales_next_service_mileage, NULL::int
                  FROM fleet_vehicle v
                 WHERE v.aftersales_next_service_date IS NOT NULL OR v.aftersales_next_service_mileage > 0
            """, today=fields.Date.context_today(self)),
            # 年检 and 续保: by date.
            "inspection": SQL("SELECT v.id, v.inspection_due_date, NULL::float, NULL::int FROM fleet_vehicle v"
                              " WHERE v.inspection_due_date IS NOT NULL"),
            "insurance": SQL("SELECT v.id, v.insurance_expiry_date, NULL::float, NULL::int FROM fleet_vehicle v"
                             " WHERE v.insurance_expiry_date IS NOT NULL"),
            # Declined work, a month after the customer said no, unless the car came back since.
            "recommendation": SQL("""
                SELECT j.vehicle_id, (j.decision_date + interval '30 days')::date, NULL::float, j.id
                  FROM aftersales_job j JOIN fleet_vehicle v ON v.id = j.vehicle_id
                 WHERE j.state = 'declined' AND j.decision_date IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM repair_order r
                                    WHERE r.vehicle_id = j.vehicle_id AND r.schedule_date > j.decision_date
                                      AND r.id != j.repair_id)
            """),
            # Relationship, this year. The owner's birthday: one greeting per customer, however many cars the customer
            # has (on the first of them the run keeps), unless one is made already on another of them.
            "birthday": SQL("""
                SELECT (SELECT v.id FROM fleet_vehicle v
                         WHERE v.customer_id = p.id AND v.vehicle_usage = 'customer' AND v.active
                           AND NOT COALESCE(v.is_lost, FALSE)
                      ORDER BY v.id LIMIT 1),
                       day.due, NULL::float, NULL::int
                  FROM res_partner p
                 CROSS JOIN LATERAL (
                        SELECT make_date(EXTRACT(YEAR FROM %(today)s::date)::int, EXTRACT(MONTH FROM p.birthday)::int,
                                         LEAST(EXTRACT(DAY FROM p.birthday)::int, 28)) AS due) day
                 WHERE p.birthday IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM aftersales_reminder greeting
                                    WHERE greeting.partner_id = p.id AND greeting.kind = 'birthday'
                                      AND greeting.due_date = day.due)
            """, today=fields.Date.context_today(self)),
            # The car's anniversary, per car.
            "anniversary": SQL("""
                SELECT v.id, make_date(EXTRACT(YEAR FROM %(today)s::date)::int, EXTRACT(MONTH FROM v.sale_date)::int,
                                       LEAST(EXTRACT(DAY FROM v.sale_date)::int, 28)), NULL::float, NULL::int
                  FROM fleet_vehicle v
                 WHERE v.sale_date IS NOT NULL AND v.sale_date < %(today)s::date - interval '11 months'
            """, today=fields.Date.context_today(self)),
            # The relationship programme: a customer with a responsible advisor is contacted every N days (one
            # vehicle per customer); the last contact is a delivery, a follow-up call or a reminder's contact.
            "relationship": SQL("""
                SELECT DISTINCT ON (v.customer_id) v.id,
                       GREATEST(COALESCE(last_contact.day, v.sale_date, p.create_date::date)
                                + c.aftersales_relationship_contact_days, %(today)s::date),
                       NULL::float, NULL::int
                  FROM fleet_vehicle v
                  JOIN res_partner p ON p.id = v.customer_id
                  JOIN res_company c ON c.id = v.company_id
             LEFT JOIN LATERAL (
                    SELECT MAX(day) AS day FROM (
                        SELECT r.delivery_date::date AS day FROM repair_order r
                         WHERE r.partner_id = v.customer_id AND r.delivery_date IS NOT NULL
                     UNION ALL
                        SELECT f.called_date::date FROM aftersales_followup_call f
                         WHERE f.partner_id = v.customer_id AND f.called_date IS NOT NULL
                     UNION ALL
                        SELECT m.last_contact_date::date FROM aftersales_reminder m
                         WHERE m.partner_id = v.customer_id AND m.last_contact_date IS NOT NULL
                    ) AS contact
                  ) last_contact ON TRUE
                 WHERE p.aftersales_advisor_id IS NOT NULL AND c.aftersales_relationship_contact_days > 0
                   AND v.vehicle_usage = 'customer' AND v.active
                   AND NOT EXISTS (SELECT 1 FROM aftersales_reminder open_contact
                                    WHERE open_contact.partner_id = v.customer_id
                                      AND open_contact.kind = 'relationship' AND open_contact.state = 'open')
              ORDER BY v.customer_id, v.id
            """, today=fields.Date.context_today(self)),
        }

    @api.model
    def _generate_reminders(self, kind, horizon_days):
        today = fields.Date.context_today(self)
        created = self._insert_reminders(
            kind, self._reminder_queries()[kind], assign_agents=True,
            where=SQL(
                """v.vehicle_usage = 'customer' AND v.active AND NOT COALESCE(v.is_lost, FALSE)
                   AND due.due_date IS NOT NULL
                   AND due.due_date BETWEEN %(today)s::date - 7 AND %(today)s::date + %(horizon)s""",
                today=today, horizon=horizon_days,
            ),
        )
        if kind == "relationship":
            # The customer's responsible advisor makes the regular contact.
            self.env.cr.execute(SQL("""
                UPDATE aftersales_reminder reminder SET owner_id = partner.aftersales_advisor_id
                  FROM res_partner partner
                 WHERE partner.id = reminder.partner_id AND reminder.kind = 'relationship'
                   AND reminder.state = 'open' AND partner.aftersales_advisor_id IS NOT NULL
                   AND reminder.owner_id IS DISTINCT FROM partner.aftersales_advisor_id
            """))
            self.invalidate_model(["owner_id"])
        return created

    @api.model
    def _insert_reminders(self, kind, due, campaign=None, assign_agents=False, where=None):
        """Insert the reminders of ``kind`` for the rows of ``due`` (SQL selecting vehicle_id, due_date,
        due_mileage, job_id) in one statement, and return how many were created.

        The customer, the company and the channel the customer prefers come from the vehicle; with
        ``assign_agents`` the follow-up agents share the reminders by vehicle. The unique key (vehicle, kind,
        due date) makes it idempotent: what exists is not created twice.
        """
        self.env.flush_all()
        agents = []
        if assign_agents:
            agents = self.env["res.users"]._aftersales_role_users("aftersales_followup.group_followup_agent").ids
        # Over a whole fleet, PostgreSQL would compile the statement (JIT) for longer than it runs: off for this
        # statement only, the transaction's setting put back after it.
        self.env.cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = self.env.cr.fetchone()[0]
        self.env.cr.execute(SQL(
            """
            INSERT INTO aftersales_reminder (vehicle_id, partner_id, company_id, kind, due_date, due_mileage,
                                             job_id, campaign_id, channel, owner_id, state, create_date,
                                             write_date, create_uid, write_uid)
            SELECT due.vehicle_id, v.customer_id, v.company_id, %(kind)s, due.due_date, due.due_mileage,
                   due.job_id, %(campaign)s, COALESCE(p.aftersales_contact_channel, 'phone'),
                   (%(agents)s::int[])[1 + (due.vehicle_id %% GREATEST(cardinality(%(agents)s::int[]), 1))],
                   'open', NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC', %(uid)s, %(uid)s
              FROM (%(due)s) AS due (vehicle_id, due_date, due_mileage, job_id)
              JOIN fleet_vehicle v ON v.id = due.vehicle_id
         LEFT JOIN res_partner p ON p.id = v.customer_id
             WHERE %(where)s
            ON CONFLICT (vehicle_id, kind, due_date) DO NOTHING
            """,
            kind=kind, campaign=campaign.id if campaign else None, agents=agents or [None], uid=self.env.uid,
            due=due, where=where or SQL("TRUE"),
        ))
        created = self.env.cr.rowcount
        self.env.cr.execute(SQL("SELECT set_config('jit', %s, true)", jit))
        self.invalidate_model()
        return created

    # ------------------------------------------------------------------
    # Working the reminders
    # ------------------------------------------------------------------

    @business_step
    def action_book(self):
        """The customer agrees to come: an appointment to place on a free slot."""
        self.ensure_one()
        if self.state != "open":
            raise UserError(self.env._("This reminder is already worked."))
        self.state = "booked"
        self._schedule_campaign_letter()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.appointment",
            "view_mode": "form",
            "context": {
                "default_vehicle_id": self.vehicle_id.id,
                "default_partner_id": self.partner_id.id,
                "default_source": "reminder",
                "default_requested_services": dict(self._fields["kind"]._description_selection(self.env))[self.kind],
                "aftersales_reminder_id": self.id,
            },
        }

    def action_open_renewal_wizard(self):
        self.ensure_one()
        return self.vehicle_id.action_open_renewal_wizard()

    @business_step
    def action_record_call(self):
        """The customer was reached on the phone, without booking: the contact is logged and done."""
        reminders = self.filtered(lambda reminder: reminder.state == "open")
        if reminders != self:
            raise UserError(self.env._("This reminder is already worked."))
        reminders._log_contacts(self.env._("phone call"))
        reminders.write({"state": "contacted"})
        reminders._schedule_campaign_letter()
        return True

    def _schedule_campaign_letter(self):
        """After a campaign call, the letter goes out within two days: a to-do for whoever sends it."""
        deadline = fields.Date.context_today(self) + timedelta(days=2)
        for reminder in self.filtered("campaign_id"):
            reminder.activity_schedule(
                "aftersales_followup.mail_activity_type_campaign_letter", date_deadline=deadline,
                user_id=(reminder.owner_id or self.env.user).id,
                summary=self.env._("Send the letter of %(campaign)s", campaign=reminder.campaign_id.name),
            )

    @business_step
    def _link_appointment(self, appointment):
        """The booking made from this reminder: reminder → booking → visit. The first booking stays."""
        self.filtered(lambda reminder: reminder.state == "booked" and not reminder.appointment_id).write(
            {"appointment_id": appointment.id}
        )

    def _log_contacts(self, channel_label):
        """Every contact goes in the reminder's history: the letters and calls register."""
        now = fields.Datetime.now()
        for reminder in self:
            reminder.message_post(body=self.env._("Contacted by %(channel)s.", channel=channel_label),
                                  message_type="comment", subtype_xmlid="mail.mt_note")
            reminder.write({"contact_count": reminder.contact_count + 1, "last_contact_date": now})

    @business_step
    def action_send_email(self):
        """E-mail the selected reminders from the template, in a batch."""
        template = self.env.ref("aftersales_followup.mail_template_reminder")
        reminders = self.filtered(lambda reminder: reminder.state == "open" and reminder.partner_id.email)
        for reminder in reminders:
            reminder.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        reminders._log_contacts(self.env._("e-mail"))
        return True

    @business_step
    def action_send_sms(self):
        """Text the selected reminders, in a batch: queued, the SMS queue sends them per company."""
        reminders = self.filtered(lambda reminder: reminder.state == "open" and reminder.partner_id.phone)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        # An SMS template, so that SMS gateways sending only approved templates can map it.
        template = self.env.ref("aftersales_followup.sms_template_reminder", raise_if_not_found=False)
        reminders._aftersales_send_customer_message(
            "reminder", template,
            lambda reminder: self.env._(
                "%(customer)s, %(plate)s: %(kind)s is due on %(date)s. Reply or call us to book.",
                customer=reminder.partner_id.name, plate=reminder.vehicle_id.license_plate or "",
                kind=kinds[reminder.kind], date=reminder.due_date),
        )
        reminders._log_contacts(self.env._("SMS"))
        return True

    @business_step
    def action_print_letters(self):
        """Invitation letters for the selected reminders; printing them is logged."""
        # A campaign's letter follows the call that worked the reminder.
        reminders = self.filtered(lambda reminder: reminder.state == "open" or (
            reminder.campaign_id and reminder.state in ("booked", "contacted")))
        if not reminders:
            raise UserError(self.env._("Select reminders still to do."))
        reminders.write({"letter_printed_date": fields.Datetime.now()})
        reminders._log_contacts(self.env._("letter"))
        reminders.activity_feedback(["aftersales_followup.mail_activity_type_campaign_letter"])
        return self.env.ref("aftersales_followup.action_report_reminder_letter").report_action(reminders)

    @business_step
    def _record_result(self, state, note=False):
        if state not in ("not_interested", "sold_car", "moved", "cancelled"):
            raise UserError(self.env._("Unknown reminder result."))
        if any(reminder.state != "open" for reminder in self):
            raise UserError(self.env._("This reminder is already worked."))
        if state == "not_interested" and not note:
            raise UserError(self.env._("Write down why the customer is not interested."))
        self.write({"state": state, "result_note": note})
        return True

    def _record_results(self, state):
        """The result buttons: each reminder with the note the agent wrote on it."""
        for reminder in self:
            reminder._record_result(state, reminder.result_note)
        return True

    def action_not_interested(self):
        return self._record_results("not_interested")

    def action_sold_car(self):
        return self._record_results("sold_car")

    def action_moved(self):
        return self._record_results("moved")

    def action_cancel(self):
        return self._record_results("cancelled")
