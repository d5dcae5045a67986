from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools import (
    VIN_LENGTH,
    check_text_lengths,
    normalize_plate,
    normalize_vin,
    vin_check_digit,
    vin_forbidden_characters,
)

DEFAULT_MILEAGE_WINDOW_DAYS = 365


# The most owners and drivers a car search lists by id before it matches them in the cars' query instead.
PEOPLE_LISTED = 1000


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    vehicle_usage = fields.Selection(
        [("customer", "Customer Vehicle"), ("dealer", "Dealer Fleet")],
        string="Usage",
        required=True,
        default="dealer",
        index=True,
        tracking=True,
        help="Customer vehicles are the cars the service department repairs; the dealer "
        "fleet holds the dealer's own cars (loaners, demonstration cars).",
    )
    customer_id = fields.Many2one(
        "res.partner",
        string="Owner",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The customer who owns the vehicle and pays for its repairs.",
    )
    # The reception finds a car by any part of its name, VIN, owner or driver: indexes for the search below.
    name = fields.Char(index="trigram")
    vin_sn = fields.Char(string="VIN", index="trigram",
                         help="Vehicle identification number: 17 characters, no I, O or Q.")
    driver_id = fields.Many2one(index="btree_not_null")
    license_plate_key = fields.Char(
        string="Plate (as searched)", compute="_compute_license_plate_key", store=True, index="trigram",
        help="The plate without separators, in capitals: 浙AV2374 finds 浙A·V2374.",
    )
    engine_number = fields.Char(tracking=True, copy=False)
    sale_date = fields.Date(help="Date the vehicle was sold to its first owner.", tracking=True)
    warranty_start_date = fields.Date(
        help="Start of the manufacturer's warranty, usually the sale date.", tracking=True
    )
    selling_dealer_id = fields.Many2one(
        "res.partner", help="The dealer that sold the vehicle new."
    )
    odometer_ids = fields.One2many("fleet.vehicle.odometer", "vehicle_id", string="Mileage Readings")
    # The vehicle's service history (一车一档): its work orders, newest first.
    repair_ids = fields.One2many("repair.order", "vehicle_id", string="Work Orders",
                                 groups="aftersales_reception.group_aftersales_user")
    repair_count = fields.Integer(string="Work Order Count", compute="_compute_repair_count",
                                  groups="aftersales_reception.group_aftersales_user")
    current_mileage = fields.Float(
        compute="_compute_mileage_figures",
        store=True,
        aggregator=False,
        help="The most recent mileage reading.",
    )
    last_mileage_date = fields.Date(
        string="Last Reading Date", compute="_compute_mileage_figures", store=True
    )
    mileage_per_day = fields.Float(
        string="Estimated Daily Mileage",
        compute="_compute_mileage_figures",
        store=True,
        digits=(16, 1),
        aggregator="avg",
        help="Distance driven per day, estimated from the mileage history since the last "
        "meter correction (or from the sale date when only one reading is known).",
    )

    _vin_company_unique = models.Constraint(
        "UNIQUE(company_id, vin_sn)",
        "A vehicle with this VIN is already registered in this company.",
    )

    def init(self):
        result = super().init()
        # Blank VINs stored before they were normalised: no VIN, so the uniqueness ignores them.
        self.env.cr.execute("UPDATE fleet_vehicle SET vin_sn = NULL WHERE vin_sn ~ '^\\s*$'")
        return result

    @api.depends("license_plate")
    def _compute_license_plate_key(self):
        for vehicle in self:
            vehicle.license_plate_key = normalize_plate(vehicle.license_plate) or False

    @api.model
    def _search_display_name(self, operator, value):
        """A car is found the way the reception asks for it: by its plate however it is typed (浙AV2374,
        av2374), its name, its VIN or the VIN's last characters, its owner's or driver's name or phone."""
        if operator == "not ilike" and isinstance(value, str) and value.strip():
            return NotImplemented  # the ORM negates the search below: no plate, VIN, owner or driver matches
        if operator != "ilike" or not isinstance(value, str) or not value.strip():
            return super()._search_display_name(operator, value)
        value = value.strip()
        # The people whose name or phone matches are found once, so that the cars are read off their indexes
        # (name, plate, VIN, owner, driver) rather than every car checked against partner subqueries. Under
        # three characters no trigram index helps and nearly everyone matches, and a text many people share
        # (a phone prefix) would make a long list: they stay a subquery.
        Partner = self.env["res.partner"].with_context(active_test=False)
        people_domain = Domain("name", "ilike", value) | Domain("phone", "ilike", value)
        people = Partner.search(people_domain, limit=PEOPLE_LISTED + 1, order="id").ids if len(value) >= 3 else []
        if len(value) < 3 or len(people) > PEOPLE_LISTED:
            people = Partner._search(people_domain)
        # Separators alone ("-", "·") leave no plate or VIN to look for, rather than matching every car.
        plate, vin = normalize_plate(value), normalize_vin(value)
        return Domain.OR([
            Domain("name", "ilike", value),
            Domain("license_plate_key", "ilike", plate) if plate else Domain.FALSE,
            Domain("vin_sn", "ilike", vin) if vin else Domain.FALSE,
            Domain("customer_id", "in", people),
            Domain("driver_id", "in", people),
        ])

    # ------------------------------------------------------------------
    # CRUD: normalise the VIN as it is typed
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # fleet's default state costs a query per vehicle: resolve it once per batch
        default_state = self._get_default_state() if any("state_id" not in vals for vals in vals_list) else False
        for vals in vals_list:
            self._normalize_identifiers(vals)
            if "state_id" not in vals and default_state:
                vals["state_id"] = default_state.id
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_identifiers(vals)
        return super().write(vals)

    @api.model
    def _normalize_identifiers(self, vals):
        """A VIN or plate of blanks is no VIN or plate: stored empty, it would count as a duplicate."""
        for name, normalize in (("vin_sn", normalize_vin), ("license_plate", str.strip)):
            if isinstance(vals.get(name), str):
                vals[name] = normalize(vals[name]) or False

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("vin_sn", "model_id")
    def _check_vin(self):
        # Uniqueness per company is the SQL constraint's job.
        for vehicle in self.filtered("vin_sn"):
            vehicle._check_vin_format()

    @api.constrains("license_plate", "engine_number")
    def _check_text_lengths(self):
        check_text_lengths(self, {"license_plate": 20, "engine_number": 30})

    def _check_vin_format(self):
        self.ensure_one()
        vin = self.vin_sn
        if len(vin) != VIN_LENGTH:
            raise ValidationError(self.env._(
                "The VIN %(vin)s has %(count)s characters; a VIN has exactly 17.",
                # A pasted page is not repeated back whole.
                vin=vin if len(vin) <= 2 * VIN_LENGTH else vin[:VIN_LENGTH] + "…", count=len(vin),
            ))
        forbidden = vin_forbidden_characters(vin)
        if forbidden:
            raise ValidationError(self.env._(
                "The VIN %(vin)s contains %(chars)s: a VIN uses only digits and the letters "
                "A to Z without I, O and Q (they are confused with 1 and 0).",
                vin=vin, chars=", ".join(dict.fromkeys(forbidden)),
            ))
        if self.brand_id and not self.brand_id.vin_check_digit_required:
            return
        expected = vin_check_digit(vin)
        if vin[8] != expected:
            raise ValidationError(self.env._(
                "The VIN %(vin)s is not valid: its check digit (9th character) is %(found)s "
                "but should be %(expected)s. Check the VIN for a typing error; for imported "
                "vehicles without a check digit, untick 'Verify VIN Check Digit' on the brand.",
                vin=vin, found=vin[8], expected=expected,
            ))

    @api.constrains("sale_date", "warranty_start_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for vehicle in self:
            if vehicle.sale_date and vehicle.sale_date > today:
                raise ValidationError(self.env._(
                    "The sale date of %(vehicle)s cannot be in the future.", vehicle=vehicle.display_name
                ))
            if vehicle.warranty_start_date and vehicle.sale_date and vehicle.warranty_start_date < vehicle.sale_date:
                raise ValidationError(self.env._(
                    "The warranty of %(vehicle)s cannot start before the vehicle was sold.",
                    vehicle=vehicle.display_name,
                ))

    @api.constrains("vehicle_usage", "customer_id")
    def _check_customer_vehicle_owner(self):
        for vehicle in self:
            if vehicle.vehicle_usage == "customer" and not vehicle.customer_id:
                raise ValidationError(self.env._(
                    "The customer vehicle %(vehicle)s needs an owner.", vehicle=vehicle.display_name
                ))

    # ------------------------------------------------------------------
    # Onchanges and computes
    # ------------------------------------------------------------------

    @api.onchange("vin_sn")
    def _onchange_vin_sn(self):
        if self.vin_sn:
            self.vin_sn = normalize_vin(self.vin_sn)

    @api.onchange("sale_date")
    def _onchange_sale_date(self):
        if self.sale_date and not self.warranty_start_date:
            self.warranty_start_date = self.sale_date

    @api.onchange("customer_id")
    def _onchange_customer_id(self):
        if self.customer_id and not self.driver_id:
            self.driver_id = self.customer_id

    @api.depends("odometer_ids.value", "odometer_ids.date", "odometer_ids.is_correction", "sale_date")
    def _compute_mileage_figures(self):
        window = timedelta(days=self._mileage_window_days())
        for vehicle in self:
            readings = vehicle.odometer_ids.filtered("date").sorted(lambda r: (r.date, r.id))
            if not readings:
                vehicle.current_mileage = 0.0
                vehicle.last_mileage_date = False
                vehicle.mileage_per_day = 0.0
                continue
            last = readings[-1]
            vehicle.current_mileage = last.value
            vehicle.last_mileage_date = last.date
            vehicle.mileage_per_day = vehicle._estimate_mileage_per_day(readings, window)

    def _estimate_mileage_per_day(self, readings, window):
        """Average distance per day over the readings since the last meter correction.

        The start point is the oldest reading inside the window before the last one (or
        the last reading before the window when none is inside); with a single reading
        and no correction, the sale date counts as a reading of 0.
        """
        self.ensure_one()
        corrections = readings.filtered("is_correction")
        if corrections:
            readings = readings.filtered(lambda r: (r.date, r.id) >= (corrections[-1].date, corrections[-1].id))
        last = readings[-1]
        points = [(reading.date, reading.value) for reading in readings]
        if not corrections and self.sale_date and self.sale_date < points[0][0]:
            points.insert(0, (self.sale_date, 0.0))
        earlier = [point for point in points[:-1] if point[0] < last.date]
        if not earlier:
            return 0.0
        in_window = [point for point in earlier if point[0] >= last.date - window]
        start_date, start_value = in_window[0] if in_window else earlier[-1]
        return max(last.value - start_value, 0.0) / (last.date - start_date).days

    def _compute_repair_count(self):
        counts = dict(self.env["repair.order"]._read_group(
            [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
        ))
        for vehicle in self:
            vehicle.repair_count = counts.get(vehicle, 0)

    @api.model
    def _mileage_window_days(self):
        # sudo: a system parameter, read for every role's mileage estimate.
        param = self.env["ir.config_parameter"].sudo().get_param("aftersales_reception.mileage_window_days")
        return int(param or DEFAULT_MILEAGE_WINDOW_DAYS)

    def _get_odometer(self):
        # The stored current mileage replaces fleet's query per vehicle and follows a
        # replaced meter (fleet shows the highest reading ever recorded).
        for vehicle in self:
            vehicle.odometer = vehicle.current_mileage

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_mileage_readings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_reception.fleet_vehicle_odometer_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id, "search_default_groupby_vehicle": False}
        return action

    def action_view_repairs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_reception.repair_order_aftersales_action")
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"default_vehicle_id": self.id, "create": False}
        return action
