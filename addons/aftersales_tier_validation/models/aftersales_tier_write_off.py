from odoo import api, models


class AftersalesTierWriteOff(models.AbstractModel):
    """A document whose write-off of a shortfall (核销) waits for its approvals before it is booked.

    The document has ``writeoff_state`` (none / to_book / booked) and ``writeoff_amount``, moved by its own steps;
    its hooks ``_write_off_waits_for_approval`` and ``_check_write_off_approval`` answer with
    ``_tier_write_off_waits`` and ``_check_aftersales_approval``.
    """

    _name = "aftersales.tier.write.off"
    _inherit = ["aftersales.tier.validation"]
    _description = "Write-off under Approval Rules"

    # The approval is of the write-off, not of the rest of the document.
    _state_field = "writeoff_state"
    _state_from = ["to_book"]
    _state_to = ["booked"]
    # Nothing to write off any more (claimed again, paid after all): the reviews go.
    _cancel_state = "none"

    @api.model
    def _get_under_validation_exceptions(self):
        # The approval covers the amount written off, not the rest of the document (parts, payments, notes...).
        return [*super()._get_under_validation_exceptions(),
                *(name for name in self._fields if name not in ("writeoff_amount", "writeoff_state"))]

    def _aftersales_approval_figures(self):
        self.ensure_one()
        return f"writeoff={self.sudo().writeoff_amount:.2f}"  # sudo: compared whoever runs the step

    def _tier_write_off_waits(self):
        """A rule applies to the write-off and its approval is not given yet."""
        self.invalidate_recordset(["need_validation"])
        return bool(self.need_validation or (self.review_ids and self.validation_status != "validated"))
