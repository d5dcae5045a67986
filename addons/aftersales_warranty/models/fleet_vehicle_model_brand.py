from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    warranty_claim_deadline_days = fields.Integer(
        string="Claim Deadline (days)",
        help="Days after the repair within which this manufacturer accepts a claim; the company's "
        "default when empty.",
    )
    warranty_policy_ids = fields.One2many("aftersales.warranty.policy", "brand_id", string="Warranty Policies")
