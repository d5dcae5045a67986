from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    aftersales_skill_ids = fields.Many2many("aftersales.skill", string="Technician Skills")
    aftersales_hours_today = fields.Float(
        string="Working Hours Today", compute="_compute_aftersales_load", digits=(16, 1)
    )
    aftersales_booked_hours = fields.Float(
        string="Hours Booked", compute="_compute_aftersales_load", digits=(16, 1),
        help="Sold hours of the open jobs assigned to the technician.",
    )
    aftersales_load_percent = fields.Float(string="Load (%)", compute="_compute_aftersales_load", digits=(16, 0))

    def _compute_aftersales_load(self):
        booked = dict(self.env["aftersales.job.assignment"].sudo()._read_group(
            [("technician_id", "in", self.ids), ("job_id.state", "=", "approved"),
             ("repair_id.state", "in", ("confirmed", "under_repair"))],
            ["technician_id"], ["sold_hours:sum"],
        ))
        hours_by_calendar = {}
        for user in self:
            calendar = user.sudo().resource_calendar_id or user.company_id.resource_calendar_id
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
