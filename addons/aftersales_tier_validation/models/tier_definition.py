from odoo import api, models

from .aftersales_tier_validation import AFTERSALES_VALIDATED_MODELS


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        return [*super()._get_tier_validation_model_names(), *self._aftersales_validated_models()]

    @api.model
    def _aftersales_validated_models(self):
        """The after-sales documents a service manager puts approval rules on; addons add theirs."""
        return list(AFTERSALES_VALIDATED_MODELS)

    def _aftersales_approver_label(self):
        """Who approves under the rule: the role, or the named user."""
        self.ensure_one()
        if self.review_type == "group":
            return self.reviewer_group_id.name or ""
        if self.review_type == "individual":
            return self.reviewer_id.name or ""
        return self.reviewer_field_id.field_description or ""
