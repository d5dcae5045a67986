from odoo import fields, models, tools
from odoo.tools import SQL

from odoo.addons.aftersales_followup.models.aftersales_reminder import REMINDER_KINDS

from .aftersales_kpi_visit import DEFAULT_TZ


class AftersalesKpiReminder(models.Model):
    """One row per reminder the customer was sent or reached with (提醒转化率): whether a visit of the car followed
    within the company's conversion window."""

    _name = "aftersales.kpi.reminder"
    _inherit = ["aftersales.kpi.reminder.mixin"]
    _description = "Reminder Conversion"
    _auto = False
    _rec_name = "reminder_id"
    _order = "contact_date desc, id desc"

    kind = fields.Selection(REMINDER_KINDS, readonly=True)
    owner_id = fields.Many2one("res.users", string="Contacted by", readonly=True)
    contact_date = fields.Date(readonly=True, help="When the customer was sent the reminder or booked from it.")
    repair_id = fields.Many2one("repair.order", string="Visit", readonly=True,
                                help="The first visit of the car within the conversion window after the contact.")
    is_converted = fields.Boolean(string="Converted", readonly=True)
    converted_count = fields.Integer(string="Visits Following", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The contact: the last one logged (SMS, e-mail, letter, call) or, for a reminder booked at once, its
        # booking. The visit: the car checked in after it, within the company's window.
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT reminder.id, reminder.id AS reminder_id, reminder.company_id, reminder.kind,
                       reminder.vehicle_id, reminder.partner_id, reminder.owner_id,
                       (contact.moment AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date AS contact_date,
                       visit.id AS repair_id, visit.id IS NOT NULL AS is_converted,
                       CASE WHEN visit.id IS NULL THEN 0 ELSE 1 END AS converted_count
                  FROM aftersales_reminder reminder
                  JOIN res_company company ON company.id = reminder.company_id
                  JOIN res_partner company_partner ON company_partner.id = company.partner_id
                 CROSS JOIN LATERAL (SELECT COALESCE(NULLIF(company_partner.tz, ''), %(default_tz)s) AS name) tz
             LEFT JOIN aftersales_appointment booking ON booking.id = reminder.appointment_id
                 CROSS JOIN LATERAL (SELECT COALESCE(reminder.last_contact_date, booking.create_date) AS moment)
                       contact
             LEFT JOIN LATERAL (SELECT ro.id FROM repair_order ro
                                 WHERE ro.vehicle_id = reminder.vehicle_id AND ro.is_aftersales
                                   AND ro.state != 'cancel' AND ro.schedule_date >= contact.moment
                                   AND ro.schedule_date < contact.moment
                                       + make_interval(days => company.aftersales_reminder_conversion_days)
                              ORDER BY ro.schedule_date, ro.id LIMIT 1) visit ON TRUE
                 WHERE contact.moment IS NOT NULL AND reminder.state != 'cancelled'
            )
            """,
            table=SQL.identifier(self._table), default_tz=DEFAULT_TZ,
        ))
