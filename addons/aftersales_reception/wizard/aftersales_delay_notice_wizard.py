from odoo import api, fields, models


class AftersalesDelayNoticeWizard(models.TransientModel):
    """The advisor tells the customer the car will be late: the new promised time and why."""

    _name = "aftersales.delay.notice.wizard"
    _description = "Delay Notice"

    repair_id = fields.Many2one("repair.order", required=True)
    current_promised_date = fields.Datetime(related="repair_id.promised_date", string="Promised Time")
    promised_date = fields.Datetime(string="New Promised Time", required=True,
                                    compute="_compute_promised_date", store=True, readonly=False)
    reason = fields.Text(required=True, help="Told to the customer with our apology.")

    @api.depends("repair_id")
    def _compute_promised_date(self):
        for wizard in self:
            wizard.promised_date = wizard.repair_id.promised_date

    def action_notify(self):
        self.ensure_one()
        self.repair_id._notify_delay(self.promised_date, self.reason)
        return {"type": "ir.actions.act_window_close"}
