from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import check_text_lengths


class FleetVehicleOdometer(models.Model):
    _inherit = "fleet.vehicle.odometer"
    _order = "date desc, id desc"

    date = fields.Date(required=True)
    source = fields.Selection(
        [
            ("check_in", "Check-in"),
            ("delivery", "Delivery"),
            ("follow_up", "Follow-up Call"),
            ("manual", "Manual"),
        ],
        required=True,
        default="manual",
        help="Where the reading comes from.",
    )
    is_correction = fields.Boolean(
        string="Correction",
        help="A correction may be lower than the previous reading: the meter was replaced "
        "or an earlier reading was mistyped. It becomes the new starting point.",
    )
    correction_reason = fields.Selection(
        [
            ("meter_replaced", "Meter Replaced"),
            ("typing_error", "Typing Error"),
            ("other", "Other"),
        ],
    )
    correction_note = fields.Char()
    customer_id = fields.Many2one(related="vehicle_id.customer_id", string="Owner")

    _value_positive = models.Constraint("CHECK(value >= 0)", "A mileage reading cannot be negative.")

    @api.constrains("is_correction", "correction_reason")
    def _check_correction_reason(self):
        for reading in self:
            if reading.is_correction and not reading.correction_reason:
                raise ValidationError(self.env._("A mileage correction needs a reason."))

    @api.constrains("value", "vehicle_id")
    def _check_value_plausible(self):
        for reading in self:
            # The database refuses negatives too; this says it in the user's words first.
            if reading.value < 0:
                raise ValidationError(self.env._(
                    "A mileage reading cannot be negative: %(value)s km was entered for %(vehicle)s.",
                    value=round(reading.value), vehicle=reading.vehicle_id.display_name,
                ))
            limit = (reading.vehicle_id.company_id or self.env.company).aftersales_max_mileage
            if limit and reading.value > limit:
                raise ValidationError(self.env._(
                    "A mileage reading of %(value)s km for %(vehicle)s is beyond the highest plausible "
                    "reading of %(limit)s km (after-sales settings): check the figure on the dashboard.",
                    value=round(reading.value), vehicle=reading.vehicle_id.display_name, limit=limit,
                ))

    @api.constrains("correction_note")
    def _check_text_lengths(self):
        check_text_lengths(self, {"correction_note": 256})

    @api.constrains("date")
    def _check_date_not_in_future(self):
        today = fields.Date.context_today(self)
        for reading in self:
            if reading.date > today:
                raise ValidationError(self.env._(
                    "The mileage reading of %(vehicle)s is dated %(date)s, in the future.",
                    vehicle=reading.vehicle_id.display_name, date=reading.date,
                ))

    @api.constrains("value", "date", "vehicle_id", "is_correction")
    def _check_mileage_never_decreases(self):
        """Compare each reading with its neighbours in the vehicle's history, in one query.

        A reading lower than the one before it is refused unless it is a correction;
        a correction only breaks the chain for the readings that follow it.
        """
        self.flush_model(["value", "date", "vehicle_id", "is_correction"])
        self.env.cr.execute(SQL(
            """
            SELECT id, value, previous_value, next_value
              FROM (
                    SELECT id, value, is_correction,
                           LAG(value) OVER history AS previous_value,
                           LEAD(value) OVER history AS next_value,
                           LEAD(is_correction) OVER history AS next_is_correction
                      FROM fleet_vehicle_odometer
                     WHERE vehicle_id IN %(vehicle_ids)s
                    WINDOW history AS (PARTITION BY vehicle_id ORDER BY date, id)
                   ) AS neighbours
             WHERE id IN %(reading_ids)s
               AND ((previous_value > value AND NOT COALESCE(is_correction, FALSE))
                    OR (next_value < value AND NOT COALESCE(next_is_correction, FALSE)))
             LIMIT 1
            """,
            vehicle_ids=tuple(self.vehicle_id.ids),
            reading_ids=tuple(self.ids),
        ))
        row = self.env.cr.fetchone()
        if not row:
            return
        reading = self.browse(row[0])
        if row[2] is not None and row[2] > row[1] and not reading.is_correction:
            raise ValidationError(self.env._(
                "The mileage of %(vehicle)s cannot go down from %(previous)s to %(value)s. If the "
                "meter was replaced or the earlier reading was mistyped, record a correction with "
                "its reason.",
                vehicle=reading.vehicle_id.display_name, previous=row[2], value=row[1],
            ))
        raise ValidationError(self.env._(
            "The mileage reading of %(value)s for %(vehicle)s on %(date)s is higher than a later "
            "reading of %(next)s.",
            vehicle=reading.vehicle_id.display_name, value=row[1], date=reading.date, next=row[3],
        ))
