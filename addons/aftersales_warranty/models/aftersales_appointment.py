from odoo import fields, models


class AftersalesAppointment(models.Model):
    _inherit = "aftersales.appointment"

    open_recall_count = fields.Integer(related="vehicle_id.open_recall_count")
    open_recall_names = fields.Char(related="vehicle_id.open_recall_names", string="Open Recall Campaigns")
