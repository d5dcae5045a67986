from odoo import fields, models

from ..models.aftersales_job import PAYERS


class AftersalesApprovalWizardLine(models.TransientModel):
    """One payer's part of the estimate shown in the approval dialog."""

    _name = "aftersales.approval.wizard.line"
    _description = "Estimate per Payer"
    _order = "id"

    wizard_id = fields.Many2one("aftersales.approval.wizard", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    payer = fields.Selection(PAYERS, required=True, readonly=True)
    labour_amount = fields.Monetary(string="Labour", readonly=True)
    parts_amount = fields.Monetary(string="Parts", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
