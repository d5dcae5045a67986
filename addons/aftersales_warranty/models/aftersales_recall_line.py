from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step, normalize_vin

LINE_STATES = [
    ("open", "Open"),
    ("done_here", "Done Here"),
    ("done_elsewhere", "Done Elsewhere"),
    ("not_applicable", "Not Applicable"),
]


class AftersalesRecallLine(models.Model):
    """One affected vehicle of a campaign, imported by VIN and matched to the vehicle file."""

    _name = "aftersales.recall.line"
    _description = "Recall Campaign Vehicle"
    _inherit = ["aftersales.step.mixin"]
    _order = "campaign_id, vin"
    _check_company_auto = True

    campaign_id = fields.Many2one("aftersales.recall.campaign", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    vin = fields.Char(string="VIN", required=True, index=True)
    vehicle_id = fields.Many2one("fleet.vehicle", index="btree_not_null", check_company=True,
                                 compute="_compute_vehicle_id", store=True, readonly=False)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    customer_id = fields.Many2one(related="vehicle_id.customer_id", string="Owner")
    state = fields.Selection(LINE_STATES, default="open", required=True, index=True, copy=False, aftersales_step=True)
    job_id = fields.Many2one("aftersales.job", readonly=True, copy=False, aftersales_step=True)
    repair_id = fields.Many2one(related="job_id.repair_id", string="Work Order")
    done_date = fields.Date(copy=False, aftersales_step=True)
    note = fields.Char()

    _vin_campaign_unique = models.Constraint(
        "UNIQUE(campaign_id, vin)", "A VIN is listed once per campaign."
    )

    @api.depends("campaign_id.reference", "campaign_id.name", "license_plate", "vin")
    def _compute_display_name(self):
        for line in self:
            campaign = line.campaign_id
            line.display_name = f"{campaign.reference or campaign.name} {line.license_plate or line.vin}"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vin"):
                vals["vin"] = normalize_vin(vals["vin"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("vin"):
            vals["vin"] = normalize_vin(vals["vin"])
        return super().write(vals)

    @api.depends("vin", "campaign_id.company_id")
    def _compute_vehicle_id(self):
        vehicles = self.env["fleet.vehicle"].search([
            ("vin_sn", "in", [vin for vin in self.mapped("vin") if vin]),
            ("company_id", "in", [*self.campaign_id.company_id.ids, False]),
        ])
        by_vin = {vehicle.vin_sn: vehicle for vehicle in vehicles}
        for line in self:
            line.vehicle_id = by_vin.get(line.vin, line.vehicle_id.browse())

    def _match_vehicles(self):
        """Match the VINs again: vehicles registered after the import."""
        self.filtered(lambda line: not line.vehicle_id)._compute_vehicle_id()

    def _prepare_job(self, sequence):
        self.ensure_one()
        campaign = self.campaign_id
        operation = campaign.operation_id
        return {
            "name": self.env._("Recall %(reference)s: %(operation)s", reference=campaign.reference,
                               operation=operation.name),
            "sequence": sequence,
            "payer": "warranty",
            "operation_id": operation.id,
            "labour_hours": operation._hours_for_model(self.vehicle_id.model_id),
            "recall_line_id": self.id,
        }

    def _prepare_part_moves(self, job):
        self.ensure_one()
        return [
            {
                "repair_id": job.repair_id.id,
                "repair_line_type": "add",
                "product_id": part.product_id.id,
                "product_uom_qty": part.quantity,
                "aftersales_job_id": job.id,
            }
            for part in self.campaign_id.part_ids
        ]

    @business_step
    def _mark_done_here(self, jobs):
        """The recall jobs of finished work orders complete their lines."""
        for job in jobs.filtered(lambda j: j.recall_line_id and j.state == "done"):
            if job.recall_line_id.state == "open":
                job.recall_line_id.write({
                    "state": "done_here", "job_id": job.id, "done_date": fields.Date.context_today(self),
                })

    @business_step
    def action_done_elsewhere(self):
        self._set_state("done_elsewhere")
        return True

    @business_step
    def action_not_applicable(self):
        self._set_state("not_applicable")
        return True

    @business_step
    def action_reopen(self):
        if any(line.state == "done_here" for line in self):
            raise UserError(self.env._("A recall done here is proven by its work order and cannot be reopened."))
        self.write({"state": "open", "done_date": False})
        return True

    def _set_state(self, state):
        if any(line.state != "open" for line in self):
            raise UserError(self.env._("Only open recall lines can be completed."))
        self.write({"state": state, "done_date": fields.Date.context_today(self)})
