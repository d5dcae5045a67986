from odoo import fields, models

from ..models.fleet_vehicle import LOST_REASONS


class AftersalesLostReasonWizard(models.TransientModel):
    """The answer of the win-back call, recorded by the follow-up agent."""

    _name = "aftersales.lost.reason.wizard"
    _description = "Why the Customer Left"

    vehicle_ids = fields.Many2many("fleet.vehicle", string="Vehicles", required=True)
    lost_reason = fields.Selection(LOST_REASONS, string="Reason", required=True)
    lost_note = fields.Char(string="Why, in the Customer's Words")
    may_come_back = fields.Boolean(
        help="The customer is open to come again: keep them on the win-back list.")

    def action_confirm(self):
        self.ensure_one()
        self.vehicle_ids._record_lost_reason(self.lost_reason, self.lost_note, won_back=self.may_come_back)
        return {"type": "ir.actions.act_window_close"}
