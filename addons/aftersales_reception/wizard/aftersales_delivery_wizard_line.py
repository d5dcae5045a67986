from odoo import fields, models


class AftersalesDeliveryWizardLine(models.TransientModel):
    _name = "aftersales.delivery.wizard.line"
    _description = "Final Check Point at Delivery"
    _order = "sequence, id"

    wizard_id = fields.Many2one("aftersales.delivery.wizard", required=True, ondelete="cascade")
    item_id = fields.Many2one("aftersales.check.item", required=True)
    name = fields.Char(related="item_id.name")
    sequence = fields.Integer(related="item_id.sequence")
    is_done = fields.Boolean(string="Checked")
