from odoo import api, models


class AftersalesInsuranceCase(models.Model):
    _name = "aftersales.insurance.case"
    # The write-off of what the insurer does not pay (少赔核销) waits for its approvals before it is booked; the
    # case's own steps are not approved.
    _inherit = ["aftersales.insurance.case", "aftersales.tier.write.off"]

    @api.model
    def _settled_writable_fields(self):
        # The shortfall is approved once the case is settled.
        return super()._settled_writable_fields() | {"aftersales_approval_basis", "review_ids"}

    def _write_off_waits_for_approval(self):
        return self._tier_write_off_waits()

    def _check_write_off_approval(self):
        self._check_aftersales_approval()
        return super()._check_write_off_approval()
