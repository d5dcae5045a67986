from odoo import fields, models

from ..models.aftersales_key_log import KEY_PURPOSES


class AftersalesKeyTakeWizard(models.TransientModel):
    _name = "aftersales.key.take.wizard"
    _description = "Take a Key from the Key Cabinet"

    repair_id = fields.Many2one("repair.order", required=True)
    purpose = fields.Selection(KEY_PURPOSES, required=True, default="repair")
    note = fields.Char()

    def action_take_key(self):
        self.ensure_one()
        self.repair_id.action_take_key(self.purpose, self.note)
        return {"type": "ir.actions.act_window_close"}
