from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools import business_step

LOST_REASONS = [
    ("moved", "Moved Away"),
    ("sold_car", "Sold the Car"),
    ("price", "Price"),
    ("service_quality", "Service Quality"),
    ("other_dealer", "Went to Another Dealer"),
    ("independent_garage", "Independent Garage"),
    ("other", "Other"),
]


class FleetVehicle(models.Model):
    _name = "fleet.vehicle"
    _inherit = ["fleet.vehicle", "aftersales.step.mixin"]

    inspection_due_date = fields.Date(string="Annual Inspection Due", tracking=True)
    insurance_expiry_date = fields.Date(string="Insurance Expires", tracking=True)
    last_visit_date = fields.Date(readonly=True, copy=False, index=True, aftersales_step=True,
                                  help="The vehicle's last visit: its last work order delivered, or the last visit "
                                       "found when it was flagged as a lost customer.")
    # The vehicle's last delivered work order, kept by its orders (_aftersales_sync_service_due): the daily reminder
    # run reads the first service and the maintenance due off the vehicles alone, not off every order.
    aftersales_last_delivery_date = fields.Date(string="Last Delivery", readonly=True, copy=False,
                                                aftersales_step=True)
    aftersales_next_service_date = fields.Date(string="Next Service Due", readonly=True, copy=False,
                                               aftersales_step=True)
    aftersales_next_service_mileage = fields.Float(string="Next Service Mileage", readonly=True, copy=False,
                                                   aftersales_step=True)
    is_lost = fields.Boolean(string="Lost Customer", readonly=True, copy=False, index=True, tracking=True,
                             aftersales_step=True)
    lost_since = fields.Date(readonly=True, copy=False, aftersales_step=True)
    lost_reason = fields.Selection(LOST_REASONS, readonly=True, copy=False, tracking=True, aftersales_step=True)
    lost_note = fields.Char(string="Why, in the Customer's Words", copy=False)
    winback_state = fields.Selection(
        [("to_call", "To Call"), ("contacted", "Contacted"), ("won_back", "Won Back"), ("gone", "Gone")],
        string="Win-back", readonly=True, copy=False, tracking=True, aftersales_step=True,
    )
    followup_call_count = fields.Integer(string="Follow-up Call Count", compute="_compute_followup_counts",
                                         groups="aftersales_reception.group_aftersales_user")
    complaint_count = fields.Integer(compute="_compute_followup_counts",
                                     groups="aftersales_reception.group_aftersales_user")
    reminder_count = fields.Integer(compute="_compute_followup_counts",
                                    groups="aftersales_reception.group_aftersales_user")

    @api.model
    @business_step
    def _cron_detect_lost_customers(self):
        """Flag customer vehicles not seen for the configured months (流失客户), in one query.

        A visit is a work order (its date, its delivery) or a check-in or delivery mileage reading (the visits of
        the history taken over from the former system); a vehicle never seen here counts from its sale date.
        A car in the workshop now (an order neither delivered nor cancelled) is not lost, nor is a customer seen
        recently with another of their cars. Set-based over the whole fleet, so chatter tracking is skipped.
        Returns the number flagged.
        """
        self.env["fleet.vehicle"].flush_model()
        self.env["fleet.vehicle.odometer"].flush_model(["vehicle_id", "date", "source"])
        self.env["repair.order"].flush_model(["vehicle_id", "partner_id", "state", "schedule_date", "delivery_date"])
        today = fields.Date.context_today(self)
        self.env.cr.execute(SQL(
            """
            WITH visit AS (
                SELECT vehicle_id, partner_id, GREATEST(schedule_date, delivery_date)::date AS day
                  FROM repair_order
                 WHERE vehicle_id IS NOT NULL AND state != 'cancel'
             UNION ALL
                SELECT vehicle_id, NULL, date
                  FROM fleet_vehicle_odometer
                 WHERE source IN ('check_in', 'delivery')
            ),
            last_visit AS (
                SELECT vehicle_id, MAX(day) AS visit FROM visit GROUP BY vehicle_id
            ),
            customer_visit AS (
                SELECT customer_id, MAX(day) AS visit
                  FROM (SELECT owned.customer_id, visit.day
                          FROM visit JOIN fleet_vehicle owned ON owned.id = visit.vehicle_id
                         WHERE owned.customer_id IS NOT NULL
                     UNION ALL
                        SELECT partner_id, day FROM visit WHERE partner_id IS NOT NULL) AS seen
              GROUP BY customer_id
            )
            UPDATE fleet_vehicle vehicle
               SET is_lost = TRUE, lost_since = %(today)s, winback_state = 'to_call',
                   last_visit_date = last_visit.visit,
                   write_date = NOW() AT TIME ZONE 'UTC', write_uid = %(uid)s
              FROM res_company company, fleet_vehicle AS base
         LEFT JOIN last_visit ON last_visit.vehicle_id = base.id
         LEFT JOIN customer_visit ON customer_visit.customer_id = base.customer_id
             WHERE base.id = vehicle.id
               AND company.id = vehicle.company_id
               AND vehicle.vehicle_usage = 'customer'
               AND vehicle.active
               AND NOT COALESCE(vehicle.is_lost, FALSE)
               AND COALESCE(last_visit.visit, vehicle.sale_date)
                   < %(today)s - make_interval(months => company.aftersales_lost_after_months)
               AND (customer_visit.visit IS NULL
                    OR customer_visit.visit < %(today)s - make_interval(months => company.aftersales_lost_after_months))
               AND NOT EXISTS (
                    SELECT 1 FROM repair_order open_order
                     WHERE open_order.vehicle_id = vehicle.id
                       AND open_order.state != 'cancel'
                       AND open_order.delivery_date IS NULL
               )
            RETURNING vehicle.id
            """,
            today=today, uid=self.env.uid,
        ))
        flagged = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model(["is_lost", "lost_since", "winback_state", "last_visit_date"])
        return len(flagged)

    @api.model
    def _aftersales_sync_service_due(self, vehicle_ids=None):
        """Copy the last delivered work order's delivery and next service onto its vehicle, set-based: the given
        vehicles, or the whole fleet (installation, upgrade, imported history)."""
        self.env["repair.order"].flush_model(["vehicle_id", "delivery_date", "next_service_date",
                                              "next_service_mileage"])
        if vehicle_ids is not None and not vehicle_ids:
            return
        scope = SQL("TRUE") if vehicle_ids is None else SQL("vehicle.id = ANY(%s)", list(vehicle_ids))
        order_scope = SQL("TRUE") if vehicle_ids is None else SQL("vehicle_id = ANY(%s)", list(vehicle_ids))
        self.env.cr.execute(SQL(
            """
            UPDATE fleet_vehicle vehicle
               SET aftersales_last_delivery_date = last.delivery_date::date,
                   aftersales_next_service_date = last.next_service_date,
                   aftersales_next_service_mileage = last.next_service_mileage
              FROM fleet_vehicle base
         LEFT JOIN (SELECT DISTINCT ON (vehicle_id) vehicle_id, delivery_date, next_service_date,
                           next_service_mileage
                      FROM repair_order
                     WHERE vehicle_id IS NOT NULL AND delivery_date IS NOT NULL AND %(order_scope)s
                  ORDER BY vehicle_id, delivery_date DESC) last ON last.vehicle_id = base.id
             WHERE base.id = vehicle.id AND %(scope)s
               AND (vehicle.aftersales_last_delivery_date IS DISTINCT FROM last.delivery_date::date
                    OR vehicle.aftersales_next_service_date IS DISTINCT FROM last.next_service_date
                    OR vehicle.aftersales_next_service_mileage IS DISTINCT FROM last.next_service_mileage)
            """,
            scope=scope, order_scope=order_scope,
        ))
        self.invalidate_model(["aftersales_last_delivery_date", "aftersales_next_service_date",
                               "aftersales_next_service_mileage"])

    @business_step
    def _record_lost_reason(self, reason, note=False, won_back=False):
        """The answer of the win-back call, the follow-up agent's step: why the customer left, and
        whether they may come back."""
        if not self.env.user.has_group("aftersales_followup.group_followup_agent"):
            raise AccessError(self.env._("Only a follow-up agent records why a lost customer left."))
        for vehicle in self:
            if not vehicle.is_lost:
                raise UserError(self.env._("%(vehicle)s is not a lost customer.", vehicle=vehicle.display_name))
        if not reason:
            raise UserError(self.env._("Record why the customer stopped coming."))
        if reason not in dict(LOST_REASONS):
            raise UserError(self.env._("Unknown reason for a lost customer."))
        # Follow-up agents do not edit vehicles; the answer of their win-back call is theirs to record.
        self.sudo().write({"lost_reason": reason, "lost_note": note,  # sudo: agents do not edit vehicles
                           "winback_state": "contacted" if won_back else "gone"})
        return True

    def action_open_lost_reason_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Why the Customer Left"),
            "res_model": "aftersales.lost.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_vehicle_ids": self.ids},
        }

    def action_open_renewal_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record the Insurance Renewal"),
            "res_model": "aftersales.insurance.renewal.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_vehicle_id": self.id},
        }

    @business_step
    def _mark_visited(self, visit_date):
        """A delivered visit brings a lost customer back."""
        won_back = self.filtered("is_lost")
        won_back.write({"is_lost": False, "winback_state": "won_back"})
        self.write({"last_visit_date": visit_date})

    @api.model
    def _aftersales_churn(self, date_from, date_to, domain=()):
        """The churn (流失率) between two dates, both included: (lost, active, rate in per cent), the customer
        vehicles flagged lost in the period over the customer vehicles not lost before it."""
        customers = Domain(domain) & Domain("vehicle_usage", "=", "customer")
        lost = self.search_count(
            customers & Domain("lost_since", ">=", date_from) & Domain("lost_since", "<=", date_to)
        )
        active = self.search_count(customers & (Domain("is_lost", "=", False) | Domain("lost_since", ">=", date_from)))
        return lost, active, 100.0 * lost / active if active else 0.0

    @api.model
    def _churn_by_month(self, months=12):
        """Vehicles lost per month over the last months, against the customer vehicles of today."""
        since = fields.Date.context_today(self) - relativedelta(months=months)
        lost = self._read_group([("lost_since", ">=", since), ("vehicle_usage", "=", "customer")],
                                ["lost_since:month"], ["__count"])
        total = self.search_count([("vehicle_usage", "=", "customer")]) or 1
        return [(month, count, 100.0 * count / total) for month, count in lost]

    # ------------------------------------------------------------------
    # The vehicle file's buttons: one grouped query per model for the whole recordset
    # ------------------------------------------------------------------

    def _compute_followup_counts(self):
        counts = {}
        for model, field in (("aftersales.followup.call", "followup_call_count"),
                             ("aftersales.complaint", "complaint_count"),
                             ("aftersales.reminder", "reminder_count")):
            counts[field] = dict(self.env[model]._read_group(
                [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
            ))
        for vehicle in self:
            for field, by_vehicle in counts.items():
                vehicle[field] = by_vehicle.get(vehicle, 0)

    def _action_of_vehicle(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        # The menus' own filters (my calls, open reminders) would hide part of the vehicle's history.
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_view_followup_calls(self):
        return self._action_of_vehicle("aftersales_followup.aftersales_followup_call_action")

    def action_view_complaints(self):
        return self._action_of_vehicle("aftersales_followup.aftersales_complaint_action")

    def action_view_reminders(self):
        return self._action_of_vehicle("aftersales_followup.aftersales_reminder_action")
