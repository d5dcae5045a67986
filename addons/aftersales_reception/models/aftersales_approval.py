from odoo import api, fields, models

from ..tools import check_text_lengths
from .aftersales_job import DECISION_CHANNELS, PAYERS, PRICES_GROUP


class AftersalesApproval(models.Model):
    """A payer's approval of a work order's amount: the evidence kept with the order."""

    _name = "aftersales.approval"
    _inherit = ["aftersales.step.mixin"]
    _description = "Work Order Approval"
    _order = "approval_date desc, id desc"
    _check_company_auto = True
    _aftersales_step_record = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    payer = fields.Selection(PAYERS, required=True)
    kind = fields.Selection(
        [("estimate", "Estimate"), ("additional", "Additional Work"), ("reapproval", "New Approval")],
        required=True, default="estimate",
    )
    amount = fields.Monetary(string="Approved Amount", required=True, groups=PRICES_GROUP)
    channel = fields.Selection(DECISION_CHANNELS, required=True)
    approved_by = fields.Char(string="Approved by", required=True, help="Name of the person who approved.")
    signature = fields.Image(max_width=1024, max_height=1024, attachment=True)
    approval_date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Recorded by", required=True, default=lambda self: self.env.user)
    job_ids = fields.Many2many("aftersales.job", string="Jobs")
    note = fields.Char()

    # The estimate is approved once per payer, even by two sessions at the same moment; later changes
    # are new approvals.
    _estimate_payer_unique = models.UniqueIndex(
        "(repair_id, payer) WHERE kind = 'estimate'",
        "The estimate of this work order is already approved for this payer: record a new approval instead.",
    )

    @api.depends("repair_id.name", "kind", "payer")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        payers = dict(self._fields["payer"]._description_selection(self.env))
        for approval in self:
            approval.display_name = (
                f"{approval.repair_id.name} – {kinds.get(approval.kind, '')} ({payers.get(approval.payer, '')})"
            )

    @api.constrains("approved_by", "note")
    def _check_text_lengths(self):
        check_text_lengths(self, {"approved_by": 128, "note": 256})
