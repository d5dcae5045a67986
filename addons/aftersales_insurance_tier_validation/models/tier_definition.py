from odoo import api, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _aftersales_validated_models(self):
        return [*super()._aftersales_validated_models(), "aftersales.insurance.case"]
