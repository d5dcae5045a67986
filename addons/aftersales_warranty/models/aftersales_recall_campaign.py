from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.aftersales_reception.tools import business_step


class AftersalesRecallCampaign(models.Model):
    """A manufacturer's recall (召回) or service campaign: the affected VINs and the work to do."""

    _name = "aftersales.recall.campaign"
    _description = "Recall Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["reference", "name"]

    name = fields.Char(required=True, tracking=True, translate=True)
    reference = fields.Char(string="Manufacturer Reference", required=True, tracking=True,
                            help="The manufacturer's campaign number, quoted on the claims.")
    kind = fields.Selection([("recall", "Recall"), ("service", "Service Campaign")], required=True,
                            default="recall", tracking=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", required=True)
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="End")
    state = fields.Selection([("draft", "Draft"), ("open", "Open"), ("closed", "Closed")], default="draft",
                             required=True, tracking=True, index=True, copy=False, aftersales_step=True)
    description = fields.Html(help="The defect and the risk, as the manufacturer describes them.")
    operation_id = fields.Many2one("aftersales.labour.operation", string="Labour Operation", required=True,
                                   check_company=True)
    part_ids = fields.One2many("aftersales.recall.part", "campaign_id", string="Parts", copy=True)
    line_ids = fields.One2many("aftersales.recall.line", "campaign_id", string="Vehicles")
    vehicle_count = fields.Integer(compute="_compute_completion", store=True)
    done_count = fields.Integer(compute="_compute_completion", store=True)
    unmatched_count = fields.Integer(string="Unknown VINs", compute="_compute_completion", store=True)
    completion_rate = fields.Float(compute="_compute_completion", store=True, aggregator="avg",
                                   help="Share of the affected vehicles done here or elsewhere (%).")

    _reference_company_unique = models.Constraint(
        "UNIQUE(reference, company_id)", "This manufacturer reference is already used by another campaign."
    )
    _dates_ordered = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date_start)", "A campaign ends after it starts."
    )

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for campaign in self:
            campaign.display_name = f"{campaign.reference} {campaign.name}" if campaign.reference else campaign.name

    @api.depends("line_ids.state", "line_ids.vehicle_id")
    def _compute_completion(self):
        # One query: the lines of each campaign per state, and how many of them are matched to a vehicle.
        groups = self.env["aftersales.recall.line"]._read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id", "state"], ["__count", "vehicle_id:count"],
        )
        counts = {}
        unmatched = {}
        for campaign, state, count, matched in groups:
            counts.setdefault(campaign, {})[state] = count
            unmatched[campaign] = unmatched.get(campaign, 0) + count - matched
        for campaign in self:
            by_state = counts.get(campaign, {})
            applicable = sum(by_state.values()) - by_state.get("not_applicable", 0)
            done = by_state.get("done_here", 0) + by_state.get("done_elsewhere", 0)
            campaign.vehicle_count = applicable
            campaign.done_count = done
            campaign.unmatched_count = unmatched.get(campaign, 0)
            campaign.completion_rate = 100.0 * done / applicable if applicable else 0.0

    @business_step
    def action_open(self):
        if any(campaign.state != "draft" for campaign in self):
            raise UserError(self.env._("Only a draft campaign can be opened."))
        if any(not campaign.line_ids for campaign in self):
            raise UserError(self.env._("Import the affected VINs before opening the campaign."))
        self.write({"state": "open"})
        self.line_ids._match_vehicles()
        return True

    @business_step
    def action_close(self):
        if any(campaign.state != "open" for campaign in self):
            raise UserError(self.env._("Only an open campaign can be closed."))
        today = fields.Date.context_today(self)
        for campaign in self:
            campaign.write({"state": "closed", "date_end": campaign.date_end or today})
        return True

    def action_match_vehicles(self):
        self.line_ids._match_vehicles()
        return True

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_warranty.aftersales_recall_line_action")
        action["domain"] = Domain("campaign_id", "=", self.id)
        action["context"] = {"default_campaign_id": self.id}
        return action
