from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime

from ..tools import business_step, check_text_lengths


class AftersalesCheckIn(models.Model):
    """The check-in sheet (接车登记表): what the car and the customer brought, signed by the customer."""

    _name = "aftersales.check.in"
    _description = "Vehicle Check-in"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.check.in"
    _order = "check_in_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    state = fields.Selection(
        [("draft", "Draft"), ("signed", "Signed"), ("order", "Work Order Created"), ("cancel", "Cancelled")],
        default="draft", required=True, tracking=True, index=True, copy=False, aftersales_step=True,
    )
    appointment_id = fields.Many2one("aftersales.appointment", index="btree_not_null",
                                     check_company=True, copy=False)
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, index=True, check_company=True,
                                 domain="[('vehicle_usage', '=', 'customer')]", tracking=True)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, check_company=True,
                                 compute="_compute_partner_id", store=True, readonly=False, precompute=True)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", required=True, check_company=True,
                                 default=lambda self: self.env.user, tracking=True)
    check_in_date = fields.Datetime(string="Arrival", required=True, default=fields.Datetime.now)
    odometer = fields.Float(string="Mileage In", required=True)
    odometer_reading_id = fields.Many2one("fleet.vehicle.odometer", string="Mileage Reading", readonly=True,
                                          copy=False)
    fuel_level = fields.Selection(
        [("empty", "Empty"), ("quarter", "1/4"), ("half", "1/2"), ("three_quarters", "3/4"), ("full", "Full")],
        required=True, default="half",
    )
    line_ids = fields.One2many("aftersales.check.in.line", "check_in_id", string="Walk-around Check",
                               default=lambda self: self._default_line_ids())
    damage_ids = fields.One2many("aftersales.check.in.damage", "check_in_id", string="Existing Damage")
    concern_ids = fields.One2many("aftersales.check.in.concern", "check_in_id", string="Concerns")
    valuables = fields.Text(string="Valuables in the Car")
    valuables_stored = fields.Boolean(string="Valuables Stored by Us")
    covers_fitted = fields.Boolean(string="Three-piece Cover Fitted", help="Seat, steering wheel and floor mat covers.")
    driving_licence_received = fields.Boolean()
    service_booklet_received = fields.Boolean(string="Maintenance Booklet Received")
    key_tag = fields.Char()
    parking_spot = fields.Char()
    underbody_checked = fields.Boolean(help="First service: the car was lifted and the underbody checked.")
    customer_signature = fields.Image(max_width=1024, max_height=1024, attachment=True, copy=False)
    signed_by = fields.Char(copy=False)
    signed_date = fields.Datetime(copy=False, aftersales_step=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True, copy=False,
                                index="btree_not_null", aftersales_step=True)
    recommendation_ids = fields.Many2many("aftersales.job", string="Declined Earlier",
                                          compute="_compute_vehicle_history")
    last_repair_ids = fields.Many2many("repair.order", string="Last Visits", compute="_compute_vehicle_history")

    @api.depends("vehicle_id")
    def _compute_partner_id(self):
        for check_in in self:
            if check_in.vehicle_id.customer_id:
                check_in.partner_id = check_in.vehicle_id.customer_id

    @api.depends("vehicle_id")
    def _compute_vehicle_history(self):
        declined = self.env["aftersales.job"].search([
            ("vehicle_id", "in", self.vehicle_id.ids), ("state", "=", "declined"),
        ], order="decision_date desc")
        repairs = self.env["repair.order"].search([
            ("vehicle_id", "in", self.vehicle_id.ids), ("state", "!=", "cancel"),
        ], order="schedule_date desc")
        for check_in in self:
            check_in.recommendation_ids = declined.filtered(lambda job, v=check_in.vehicle_id: job.vehicle_id == v)
            check_in.last_repair_ids = repairs.filtered(
                lambda order, c=check_in: order.vehicle_id == c.vehicle_id and order.check_in_id != c
            )[:5]

    @api.constrains("check_in_date")
    def _check_arrival_not_future(self):
        # The sheet records a car that is here: a few minutes of clock difference are allowed.
        latest = fields.Datetime.now() + timedelta(minutes=15)
        for check_in in self:
            if check_in.check_in_date > latest:
                raise ValidationError(self.env._(
                    "The arrival on check-in %(name)s, %(time)s, is in the future: the car is checked in "
                    "when it is here.",
                    name=check_in.name, time=format_datetime(self.env, check_in.check_in_date),
                ))

    @api.constrains("key_tag", "parking_spot", "signed_by", "valuables")
    def _check_text_lengths(self):
        check_text_lengths(self, {"key_tag": 20, "parking_spot": 20, "signed_by": 64, "valuables": 1000})

    @api.model
    def _default_line_ids(self):
        return [Command.create({"item_id": item.id}) for item in self.env["aftersales.check.item"].search([
            ("kind", "=", "check_in"),
        ])]

    @api.model_create_multi
    def create(self, vals_list):
        check_ins = super().create(vals_list)
        check_ins._record_mileage()
        return check_ins

    def write(self, vals):
        if any(check_in.state != "draft" for check_in in self) and (
            set(vals) & {"odometer", "vehicle_id", "line_ids", "damage_ids", "concern_ids", "fuel_level"}
        ):
            raise UserError(self.env._("A signed check-in sheet cannot be changed."))
        result = super().write(vals)
        if "odometer" in vals or "vehicle_id" in vals:
            self._record_mileage()
        return result

    def _record_mileage(self):
        """The mileage in becomes the vehicle's reading of the day (source: check-in)."""
        Reading = self.env["fleet.vehicle.odometer"]
        to_create = self.filtered(lambda c: not c.odometer_reading_id)
        for check_in in self - to_create:
            # sudo: advisors only add readings; a draft sheet corrects its own (the mileage rules still apply).
            check_in.odometer_reading_id.sudo().write(
                {"value": check_in.odometer, "vehicle_id": check_in.vehicle_id.id}
            )
        readings = Reading.create([
            {
                "vehicle_id": check_in.vehicle_id.id,
                "date": fields.Date.context_today(check_in, check_in.check_in_date),
                "value": check_in.odometer,
                "source": "check_in",
            }
            for check_in in to_create
        ])
        for check_in, reading in zip(to_create, readings, strict=True):
            check_in.odometer_reading_id = reading

    def action_sign(self):
        """The button: the customer signed on the form's pad."""
        return self._sign()

    @business_step
    def _sign(self, signature=False, signed_by=False):
        """The customer signs the check-in sheet (``signature`` and ``signed_by`` when not drawn on the form)."""
        for check_in in self:
            if check_in.state != "draft":
                raise UserError(self.env._("Check-in %(name)s is already signed.", name=check_in.name))
            signature = signature or check_in.customer_signature
            if not signature:
                raise UserError(self.env._("The customer signs the check-in sheet before the car is taken in."))
            if not check_in.concern_ids:
                raise UserError(self.env._("Write down at least one concern in the customer's words."))
            check_in.write({
                "customer_signature": signature,
                "signed_by": signed_by or check_in.signed_by or check_in.partner_id.name,
                "signed_date": fields.Datetime.now(),
                "state": "signed",
            })
        return True

    @business_step
    def action_create_work_order(self):
        """One work order per check-in, one job per concern (payer: the customer until decided)."""
        self.ensure_one()
        if self.state != "signed":
            raise UserError(self.env._("Have the customer sign the check-in sheet first."))
        order = self.env["repair.order"].create(self._prepare_work_order())
        self.write({"repair_id": order.id, "state": "order"})
        if self.appointment_id:
            self.appointment_id.repair_id = order
        order._aftersales_notify_checked_in()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": order.id,
            "view_mode": "form",
        }

    def _prepare_work_order(self):
        self.ensure_one()
        return {
            "is_aftersales": True,
            "vehicle_id": self.vehicle_id.id,
            "partner_id": self.partner_id.id,
            "user_id": self.advisor_id.id,
            "company_id": self.company_id.id,
            "check_in_id": self.id,
            "schedule_date": self.check_in_date,
            "internal_notes": self.appointment_id.requested_services or False,
            "job_ids": [
                Command.create({"name": concern.name, "sequence": concern.sequence, "payer": "customer"})
                for concern in self.concern_ids
            ],
        }

    @business_step
    def action_cancel(self):
        if any(check_in.repair_id for check_in in self):
            raise UserError(self.env._("Cancel the work order instead: this check-in already has one."))
        self.odometer_reading_id.sudo().unlink()  # sudo: advisors only add readings; a cancelled sheet takes its own
        self.write({"state": "cancel"})
        return True

    def action_print(self):
        return self.env.ref("aftersales_reception.action_report_check_in").report_action(self)
