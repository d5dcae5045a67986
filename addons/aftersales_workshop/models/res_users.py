from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain


class ResUsers(models.Model):
    _inherit = "res.users"

    aftersales_skill_ids = fields.Many2many("aftersales.skill", string="Technician Skills")
    aftersales_is_technician = fields.Boolean(
        string="Workshop Technician", compute="_compute_aftersales_is_technician",
        search="_search_aftersales_is_technician",
        help="Works on the jobs: the workshop role is Technician. The QC inspector, the foreman and the service "
             "manager hold the technician's rights through their roles but are not counted as technicians.",
    )
    aftersales_hours_today = fields.Float(
        string="Working Hours Today", compute="_compute_aftersales_load", digits=(16, 1)
    )
    aftersales_booked_hours = fields.Float(
        string="Hours Booked", compute="_compute_aftersales_load", digits=(16, 1),
        help="Sold hours of the open jobs assigned to the technician.",
    )
    aftersales_load_percent = fields.Float(string="Load (%)", compute="_compute_aftersales_load", digits=(16, 0))
    aftersales_attended_month = fields.Float(
        string="Attended This Month", compute="_compute_aftersales_productivity", digits=(16, 1),
        help="Working hours of the month so far, from the technician's calendar and time off.",
    )
    aftersales_clocked_month = fields.Float(
        string="Clocked This Month", compute="_compute_aftersales_productivity", digits=(16, 1)
    )
    aftersales_sold_month = fields.Float(
        string="Sold This Month", compute="_compute_aftersales_productivity", digits=(16, 1),
        help="Sold hours of the jobs the technician finished this month.",
    )
    aftersales_productivity = fields.Float(
        string="Productivity (%)", compute="_compute_aftersales_productivity", digits=(16, 1),
        help="Clocked hours ÷ attended hours.",
    )
    aftersales_efficiency = fields.Float(
        string="Efficiency (%)", compute="_compute_aftersales_productivity", digits=(16, 1),
        help="Sold hours ÷ clocked hours.",
    )

    @api.model
    def _aftersales_technician_domain(self):
        """The technicians of the workshop: internal users whose workshop role is Technician.

        The roles above it (QC inspector, foreman) imply it, and so does the service manager, who holds every
        role (the administrator is one): they are left out of the technicians' columns, lists and loads.
        """
        technician = self.env.ref("aftersales_reception.group_workshop_technician")
        above = self.env.ref("aftersales_workshop.group_qc_inspector") \
            | self.env.ref("aftersales_reception.group_service_manager")
        return Domain("share", "=", False) & Domain("all_group_ids", "in", technician.ids) \
            & Domain("group_ids", "not any", Domain("all_implied_ids", "in", above.ids))

    def _compute_aftersales_is_technician(self):
        technicians = self.filtered_domain(self._aftersales_technician_domain())
        technicians.aftersales_is_technician = True
        (self - technicians).aftersales_is_technician = False

    def _search_aftersales_is_technician(self, operator, value):
        if operator != "in":
            return NotImplemented
        return self._aftersales_technician_domain() if True in value else ~self._aftersales_technician_domain()

    def _compute_aftersales_load(self):
        booked = dict(self.env["aftersales.job.assignment"]._read_group(
            [("technician_id", "in", self.ids), ("job_id.state", "=", "approved"),
             ("repair_id.state", "in", ("confirmed", "under_repair"))],
            ["technician_id"], ["sold_hours:sum"],
        ))
        hours_by_calendar = {}
        for user in self:
            calendar = user.resource_calendar_id or user.company_id.resource_calendar_id
            if calendar not in hours_by_calendar:
                tz = pytz.timezone(calendar.tz or "UTC")
                start = tz.localize(datetime.combine(fields.Date.context_today(user), time.min))
                hours_by_calendar[calendar] = calendar.get_work_hours_count(start, start + timedelta(days=1)) \
                    if calendar else 0.0
            user.aftersales_hours_today = hours_by_calendar[calendar]
            user.aftersales_booked_hours = booked.get(user, 0.0)
            user.aftersales_load_percent = (
                100.0 * user.aftersales_booked_hours / user.aftersales_hours_today
                if user.aftersales_hours_today else 0.0
            )

    def _compute_aftersales_productivity(self):
        today = fields.Date.context_today(self)
        figures = self._aftersales_workshop_figures(today.replace(day=1), today + timedelta(days=1))
        for user in self:
            attended, clocked, sold = figures.get(user.id, (0.0, 0.0, 0.0))
            user.aftersales_attended_month = attended
            user.aftersales_clocked_month = clocked
            user.aftersales_sold_month = sold
            user.aftersales_productivity = 100.0 * clocked / attended if attended else 0.0
            user.aftersales_efficiency = 100.0 * sold / clocked if clocked else 0.0

    def _aftersales_workshop_figures(self, date_from, date_to):
        """Per technician: (attended, clocked, sold) hours between two dates, in grouped queries."""
        start, stop = datetime.combine(date_from, time.min), datetime.combine(date_to, time.min)
        attended = self._aftersales_attended_hours(start, stop)
        clocked = self._aftersales_clocked_hours(start, stop)
        sold = dict(self.env["aftersales.job.assignment"]._read_group(
            [("technician_id", "in", self.ids), ("job_id.done_date", ">=", start), ("job_id.done_date", "<", stop)],
            ["technician_id"], ["sold_hours:sum"],
        ))
        return {
            user.id: (attended.get(user.id, 0.0), clocked.get(user.id, 0.0), sold.get(user, 0.0))
            for user in self
        }

    def _aftersales_clocked_hours(self, start, stop):
        """Per technician id: the hours clocked on jobs started between two datetimes, in one grouped query."""
        return {
            technician.id: hours for technician, hours in self.env["aftersales.job.clock"]._read_group(
                [("technician_id", "in", self.ids), ("start", ">=", start), ("start", "<", stop)],
                ["technician_id"], ["duration:sum"],
            )
        }

    def _aftersales_attended_hours(self, start, stop):
        """Per technician id: the hours their working calendar schedules between two datetimes, less their time
        off, the presence they were scheduled for.

        The calendar's attendances are laid out once for all the technicians sharing it (years of them for a
        KPI of five years), not once per technician.
        """
        technicians_by_calendar = defaultdict(lambda: self.browse())
        for user in self:
            calendar = user.resource_calendar_id or user.company_id.resource_calendar_id
            if calendar:
                technicians_by_calendar[calendar] |= user
        attended = {}
        for calendar, technicians in technicians_by_calendar.items():
            tz = pytz.timezone(calendar.tz or "UTC")
            resources = self.env["resource.resource"].union(*(user.resource_ids[:1] for user in technicians))
            intervals = calendar._work_intervals_batch(tz.localize(start), tz.localize(stop),
                                                       resources=resources or None)
            for user in technicians:
                attended[user.id] = sum(
                    (end - begin).total_seconds() / 3600.0
                    for begin, end, _meta in intervals[user.resource_ids[:1].id or False]
                )
        return attended
