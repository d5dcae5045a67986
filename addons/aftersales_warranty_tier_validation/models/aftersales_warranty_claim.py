from odoo import api, models


class AftersalesWarrantyClaim(models.Model):
    _name = "aftersales.warranty.claim"
    _inherit = ["aftersales.warranty.claim", "aftersales.tier.validation"]

    # The write-off of the shortfall (核销) waits for its approvals before it is booked; the claim's own decision
    # is the manufacturer's.
    _state_field = "writeoff_state"
    _state_from = ["to_book"]
    _state_to = ["booked"]
    # Claimed again, the shortfall is no loss any more: the reviews go.
    _cancel_state = "none"

    @api.model
    def _get_under_validation_exceptions(self):
        # The approval covers the amount written off, not the rest of the claim (parts returned, payments...).
        return [*super()._get_under_validation_exceptions(),
                *(name for name in self._fields if name not in ("writeoff_amount", "writeoff_state"))]

    def _aftersales_approval_figures(self):
        self.ensure_one()
        return f"writeoff={self.sudo().writeoff_amount:.2f}"  # sudo: compared whoever runs the step

    def _write_off_waits_for_approval(self):
        self.invalidate_recordset(["need_validation"])
        return bool(self.need_validation or (self.review_ids and self.validation_status != "validated"))

    def _check_write_off_approval(self):
        self._check_aftersales_approval()
        return super()._check_write_off_approval()
