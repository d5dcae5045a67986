from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    installation_hours = fields.Float(
        digits=(16, 2), help="Standard labour hours to install this accessory (精品加装), put on its installation job.",
    )
