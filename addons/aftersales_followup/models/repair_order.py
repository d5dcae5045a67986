from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    followup_call_ids = fields.One2many("aftersales.followup.call", "repair_id", string="Follow-up Calls")
    complaint_ids = fields.One2many("aftersales.complaint", "repair_id", string="Complaints")

    # The reminder run reads each vehicle's last delivery (the maintenance due, the first service done): one
    # index entry per vehicle's delivered order, newest first, instead of sorting every order of the vehicle.
    _vehicle_last_delivery_idx = models.Index("(vehicle_id, delivery_date DESC) WHERE delivery_date IS NOT NULL")

    def _record_delivery(self, mileage_out, next_service_date, next_service_mileage, followup_preferred_date=False,
                         delivered_by=False):
        result = super()._record_delivery(
            mileage_out, next_service_date, next_service_mileage,
            followup_preferred_date=followup_preferred_date, delivered_by=delivered_by,
        )
        # sudo: the advisor's delivery books the follow-up agents' calls.
        self.env["aftersales.followup.call"].sudo()._schedule_first_calls(self)
        self.vehicle_id._mark_visited(fields.Date.context_today(self))
        return result
