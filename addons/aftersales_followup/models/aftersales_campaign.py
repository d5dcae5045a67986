from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools import business_step

# Amounts of work orders: for the roles that deal with money.
PRICES_GROUP = "aftersales_reception.group_aftersales_prices"


class AftersalesCampaign(models.Model):
    """A service campaign (活动): free check week, service month… to a segment of customer vehicles."""

    _name = "aftersales.campaign"
    _description = "Service Campaign"
    _inherit = ["mail.thread", "aftersales.step.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    date_start = fields.Date(string="Starts", required=True)
    date_end = fields.Date(string="Ends", required=True)
    notify_date = fields.Date(string="Tell Customers on", compute="_compute_notify_date", store=True,
                              readonly=False, help="Two weeks before the start, by call and message.")
    state = fields.Selection([("draft", "Draft"), ("running", "Running"), ("done", "Done")], default="draft",
                             required=True, tracking=True, copy=False, aftersales_step=True)
    brand_ids = fields.Many2many("fleet.vehicle.model.brand", string="Brands")
    model_ids = fields.Many2many("fleet.vehicle.model", string="Models")
    min_age_years = fields.Integer(string="Vehicles Older than (years)")
    max_age_years = fields.Integer(string="Vehicles Younger than (years)")
    mileage_from = fields.Integer(string="Mileage from (km)")
    mileage_to = fields.Integer(string="Mileage to (km)")
    last_visit_before = fields.Date(string="No Visit since", help="Only customers who have not come since.")
    include_lost = fields.Boolean(string="Include Lost Customers", default=True)
    target_count = fields.Integer(string="Vehicles Targeted", compute="_compute_target_count")
    reminder_ids = fields.One2many("aftersales.reminder", "campaign_id", string="Contacts")
    response_count = fields.Integer(string="Responses", compute="_compute_results")
    booking_count = fields.Integer(string="Bookings", compute="_compute_results")
    visit_count = fields.Integer(string="Visits", compute="_compute_results")
    revenue = fields.Monetary(compute="_compute_revenue", currency_field="currency_id", groups=PRICES_GROUP,
                              help="The work orders of the visits the campaign brought (reminder, booking, visit).")
    currency_id = fields.Many2one(related="company_id.currency_id")
    cost_line_ids = fields.One2many("aftersales.campaign.cost", "campaign_id", string="Costs")
    cost_total = fields.Monetary(string="Cost", compute="_compute_cost_total", store=True,
                                 currency_field="currency_id")
    profit = fields.Monetary(string="Revenue less Cost", compute="_compute_revenue", currency_field="currency_id",
                             groups=PRICES_GROUP)
    roi = fields.Float(string="ROI (%)", compute="_compute_revenue", digits=(16, 1), groups=PRICES_GROUP,
                       help="(Revenue of the visits it brought − cost) ÷ cost.")

    @api.depends("date_start")
    def _compute_notify_date(self):
        for campaign in self:
            campaign.notify_date = campaign.date_start and campaign.date_start - relativedelta(days=14)

    @api.constrains("date_start", "date_end", "min_age_years", "max_age_years", "mileage_from", "mileage_to")
    def _check_campaign(self):
        for campaign in self:
            if campaign.date_end < campaign.date_start:
                raise ValidationError(self.env._("A campaign ends after it starts."))
            if campaign.max_age_years and campaign.min_age_years > campaign.max_age_years:
                raise ValidationError(self.env._("The vehicle age range is upside down."))
            if campaign.mileage_to and campaign.mileage_from > campaign.mileage_to:
                raise ValidationError(self.env._("The mileage range is upside down."))

    def _segment_domain(self):
        self.ensure_one()
        today = fields.Date.context_today(self)
        domain = [("vehicle_usage", "=", "customer"), ("company_id", "=", self.company_id.id)]
        if self.brand_ids:
            domain.append(("brand_id", "in", self.brand_ids.ids))
        if self.model_ids:
            domain.append(("model_id", "in", self.model_ids.ids))
        if self.min_age_years:
            domain.append(("sale_date", "<=", today - relativedelta(years=self.min_age_years)))
        if self.max_age_years:
            domain.append(("sale_date", ">", today - relativedelta(years=self.max_age_years)))
        if self.mileage_from:
            domain.append(("current_mileage", ">=", self.mileage_from))
        if self.mileage_to:
            domain.append(("current_mileage", "<=", self.mileage_to))
        if self.last_visit_before:
            domain += ["|", ("last_visit_date", "=", False), ("last_visit_date", "<", self.last_visit_before)]
        if not self.include_lost:
            domain.append(("is_lost", "=", False))
        return domain

    def _compute_target_count(self):
        for campaign in self:
            campaign.target_count = self.env["fleet.vehicle"].search_count(campaign._segment_domain())

    @api.depends("cost_line_ids.amount")
    def _compute_cost_total(self):
        for campaign in self:
            campaign.cost_total = sum(campaign.cost_line_ids.mapped("amount"))

    @api.depends("reminder_ids.state", "reminder_ids.appointment_id")
    def _compute_results(self):
        for campaign in self:
            reminders = campaign.reminder_ids
            appointments = reminders.appointment_id
            campaign.response_count = len(reminders.filtered(lambda reminder: reminder.state != "open"))
            campaign.booking_count = len(appointments)
            campaign.visit_count = len(appointments.filtered(lambda a: a.state == "checked_in"))

    @api.depends("reminder_ids.appointment_id", "cost_total")
    def _compute_revenue(self):
        for campaign in self:
            # Reminder → booking → visit: the orders of the bookings the campaign's contacts made.
            orders = campaign.reminder_ids.appointment_id.check_in_id.repair_id
            campaign.revenue = sum(orders.filtered(lambda order: order.state != "cancel").mapped("amount_total"))
            campaign.profit = campaign.revenue - campaign.cost_total
            campaign.roi = 100.0 * campaign.profit / campaign.cost_total if campaign.cost_total else 0.0

    @business_step
    def action_launch(self):
        """One contact per targeted vehicle, for the follow-up agents to call, text or write to."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign %(name)s is already launched.", name=campaign.name))
            vehicles = self.env["fleet.vehicle"].search(campaign._segment_domain())
            if not vehicles:
                raise UserError(self.env._("No vehicle matches the campaign's segment."))
            self.env["aftersales.reminder"]._insert_reminders("campaign", SQL(
                "SELECT v.id, %(due)s::date, NULL::float, NULL::int FROM fleet_vehicle v"
                " WHERE v.id = ANY(%(vehicles)s)",
                due=campaign.notify_date, vehicles=vehicles.ids,
            ), campaign=campaign)
            campaign.state = "running"
        return True

    @business_step
    def action_close(self):
        for campaign in self:
            if campaign.state != "running":
                raise UserError(self.env._("Only a running campaign can be closed: %(name)s is not.",
                                           name=campaign.name))
        self.write({"state": "done"})
        return True
