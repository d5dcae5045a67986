from odoo import api, fields, models

from .aftersales_fault_category import COMPONENTS


class AftersalesWarrantyCoverage(models.Model):
    """A component covered longer (or shorter) than the base warranty: powertrain, traction battery..."""

    _name = "aftersales.warranty.coverage"
    _description = "Warranty Component Coverage"
    _order = "policy_id, component"

    policy_id = fields.Many2one("aftersales.warranty.policy", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="policy_id.company_id", store=True, index=True)
    component = fields.Selection(COMPONENTS, required=True)
    years = fields.Integer(required=True)
    km = fields.Integer(string="Kilometres", required=True)

    _component_unique = models.Constraint(
        "UNIQUE(policy_id, component)", "A component is covered once per policy."
    )
    _limits_positive = models.Constraint("CHECK(years > 0 AND km > 0)", "Coverage limits are positive.")

    @api.depends("policy_id.name", "component")
    def _compute_display_name(self):
        components = dict(self._fields["component"]._description_selection(self.env))
        for coverage in self:
            coverage.display_name = f"{coverage.policy_id.name} – {components.get(coverage.component, '')}"
