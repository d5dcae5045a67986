from odoo import fields, models

COMPONENTS = [
    ("powertrain", "Powertrain"),
    ("battery", "Traction Battery"),
    ("steering_brakes", "Steering and Brakes"),
    ("body", "Body and Corrosion"),
    ("electrical", "Electrical"),
    ("wear", "Wear Parts"),
]


class AftersalesFaultCategory(models.Model):
    """What failed (故障分类): the component it belongs to and whether it is a serious safety fault."""

    _name = "aftersales.fault.category"
    _description = "Fault Category"
    _order = "code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    component = fields.Selection(
        COMPONENTS, help="The component coverage of the warranty policy that applies; the base warranty when empty.",
    )
    is_serious = fields.Boolean(
        string="Serious Safety Fault",
        help="A serious safety fault under the 三包 rules (steering, brakes, fire, engine stall...): its "
        "repeated repairs entitle the customer to a replacement or a refund.",
    )
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A fault category code is used once.")

    def _compute_display_name(self):
        for category in self:
            category.display_name = f"[{category.code}] {category.name}" if category.code else category.name
