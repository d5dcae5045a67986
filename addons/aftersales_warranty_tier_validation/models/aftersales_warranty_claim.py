from odoo import models


class AftersalesWarrantyClaim(models.Model):
    _name = "aftersales.warranty.claim"
    # The write-off of the shortfall (核销) waits for its approvals before it is booked; the claim's own decision
    # is the manufacturer's.
    _inherit = ["aftersales.warranty.claim", "aftersales.tier.write.off"]

    def _write_off_waits_for_approval(self):
        return self._tier_write_off_waits()

    def _check_write_off_approval(self):
        self._check_aftersales_approval()
        return super()._check_write_off_approval()
