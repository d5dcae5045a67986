from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_mileage_window_days = fields.Integer(
        string="Mileage Estimate Window (days)",
        config_parameter="aftersales_reception.mileage_window_days",
        default=365,
        help="Period of mileage history used to estimate a vehicle's daily mileage.",
    )
