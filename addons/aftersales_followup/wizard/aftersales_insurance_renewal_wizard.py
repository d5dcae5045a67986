from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class AftersalesInsuranceRenewalWizard(models.TransientModel):
    _name = "aftersales.insurance.renewal.wizard"
    _description = "Record the Insurance Renewal"

    vehicle_id = fields.Many2one("fleet.vehicle", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="vehicle_id.company_id.currency_id")
    due_date = fields.Date(related="vehicle_id.insurance_expiry_date", string="Insurance Expires")
    channel = fields.Selection([("dealer", "Through the Dealer"), ("elsewhere", "Elsewhere")], string="Renewed",
                               required=True, default="dealer")
    insurer_id = fields.Many2one("res.partner", domain=[("is_company", "=", True)])
    policy_number = fields.Char()
    new_expiry_date = fields.Date(string="New Policy Expires", compute="_compute_new_expiry_date", store=True,
                                  readonly=False, precompute=True)
    premium = fields.Monetary()
    note = fields.Text()

    @api.depends("vehicle_id")
    def _compute_new_expiry_date(self):
        for wizard in self:
            due = wizard.vehicle_id.insurance_expiry_date
            wizard.new_expiry_date = due + relativedelta(years=1) if due else False

    def action_confirm(self):
        self.ensure_one()
        self.env["aftersales.insurance.renewal"]._record_renewal(
            self.vehicle_id, self.channel, self.new_expiry_date, insurer=self.insurer_id,
            policy_number=self.policy_number, premium=self.premium, note=self.note,
        )
        return {"type": "ir.actions.act_window_close"}
