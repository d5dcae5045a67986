from odoo import fields, models


class FleetVehicleModelBrand(models.Model):
    _inherit = "fleet.vehicle.model.brand"

    vin_check_digit_required = fields.Boolean(
        string="Verify VIN Check Digit",
        default=True,
        help="Verify the check digit (9th character) of this brand's VINs, as ISO 3779 "
        "and GB 16735 require. Untick it for imported vehicles whose VINs follow a "
        "standard without a check digit.",
    )
    warranty_partner_id = fields.Many2one(
        "res.partner",
        string="Manufacturer",
        help="Billed for this brand's warranty jobs (索赔): the manufacturer or its importer.",
    )
