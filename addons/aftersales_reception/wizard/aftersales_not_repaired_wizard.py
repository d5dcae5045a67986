from odoo import api, fields, models

from ..models.repair_order import NOT_REPAIRED_REASONS


class AftersalesNotRepairedWizard(models.TransientModel):
    _name = "aftersales.not.repaired.wizard"
    _description = "Car Leaves Without Repair"

    repair_id = fields.Many2one("repair.order", required=True)
    currency_id = fields.Many2one(related="repair_id.company_currency_id")
    reason = fields.Selection(NOT_REPAIRED_REASONS, required=True)
    note = fields.Text(string="Why", required=True, help="The customer's words, or the technical reason.")
    diagnosis_fee = fields.Monetary(
        compute="_compute_diagnosis_fee", store=True, readonly=False, precompute=True,
        help="Billed to the customer by the settlement; zero when the dealer waives it.",
    )

    @api.depends("repair_id")
    def _compute_diagnosis_fee(self):
        for wizard in self:
            wizard.diagnosis_fee = wizard.repair_id.company_id.aftersales_diagnosis_fee

    def action_confirm(self):
        self.ensure_one()
        self.repair_id._record_not_repaired(self.reason, self.note, self.diagnosis_fee)
        return {"type": "ir.actions.act_window_close"}
