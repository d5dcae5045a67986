from odoo import fields, models, tools
from odoo.tools import SQL

# The visits the workshop expects back: a new car's first service (首保) and the periodic maintenance (定保).
RETURN_KINDS = [("first_service", "First Service"), ("maintenance", "Periodic Maintenance")]


class AftersalesKpiServiceReturn(models.Model):
    """One row per first service or maintenance falling due (首保/定保回厂率): whether the car came back around its
    due date, within the company's window before or after it, whether or not it was reminded."""

    _name = "aftersales.kpi.service.return"
    _inherit = ["aftersales.kpi.reminder.mixin"]
    _description = "Service Return"
    _auto = False
    _rec_name = "reminder_id"
    _order = "due_date desc, id desc"

    kind = fields.Selection(RETURN_KINDS, readonly=True)
    owner_id = fields.Many2one("res.users", string="Reminded by", readonly=True)
    due_date = fields.Date(readonly=True)
    repair_id = fields.Many2one("repair.order", string="Visit", readonly=True,
                                help="The car's first visit within the window around the due date.")
    is_returned = fields.Boolean(string="Returned", readonly=True)
    returned_count = fields.Integer(string="Returned (Count)", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Due events are the daily run's reminders; a car sold or moved away is no longer expected back.
        self.env.cr.execute(SQL(
            """
            CREATE VIEW %(table)s AS (
                SELECT reminder.id, reminder.id AS reminder_id, reminder.company_id, reminder.kind,
                       reminder.vehicle_id, reminder.partner_id, reminder.owner_id, reminder.due_date,
                       visit.id AS repair_id, visit.id IS NOT NULL AS is_returned,
                       CASE WHEN visit.id IS NULL THEN 0 ELSE 1 END AS returned_count
                  FROM aftersales_reminder reminder
                  JOIN res_company company ON company.id = reminder.company_id
             LEFT JOIN LATERAL (SELECT ro.id FROM repair_order ro
                                 WHERE ro.vehicle_id = reminder.vehicle_id AND ro.is_aftersales
                                   AND ro.state != 'cancel'
                                   AND ro.schedule_date >= reminder.due_date
                                       - make_interval(days => company.aftersales_reminder_conversion_days)
                                   AND ro.schedule_date < reminder.due_date
                                       + make_interval(days => company.aftersales_reminder_conversion_days + 1)
                              ORDER BY ro.schedule_date, ro.id LIMIT 1) visit ON TRUE
                 WHERE reminder.kind IN ('first_service', 'maintenance')
                   AND reminder.state NOT IN ('cancelled', 'sold_car', 'moved')
            )
            """,
            table=SQL.identifier(self._table),
        ))
