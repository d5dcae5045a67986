from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    followup_call_ids = fields.One2many("aftersales.followup.call", "repair_id", string="Follow-up Calls")
    complaint_ids = fields.One2many("aftersales.complaint", "repair_id", string="Complaints")

    def _record_delivery(self, *args, **kwargs):
        result = super()._record_delivery(*args, **kwargs)
        self.env["aftersales.followup.call"].sudo()._schedule_first_calls(self)
        self.vehicle_id.sudo()._mark_visited(fields.Date.context_today(self))
        return result
