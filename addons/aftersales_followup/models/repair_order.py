from odoo import api, fields, models

# What the vehicle's last delivery and next service (kept on the vehicle for the reminder run) are read from.
SERVICE_DUE_FIELDS = {"vehicle_id", "delivery_date", "next_service_date", "next_service_mileage"}


class RepairOrder(models.Model):
    _inherit = "repair.order"

    followup_call_ids = fields.One2many("aftersales.followup.call", "repair_id", string="Follow-up Calls")
    complaint_ids = fields.One2many("aftersales.complaint", "repair_id", string="Complaints")

    # A vehicle's last delivered order, newest first, for keeping the vehicle's service due up to date.
    _vehicle_last_delivery_idx = models.Index("(vehicle_id, delivery_date DESC) WHERE delivery_date IS NOT NULL")

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        if any(vals.get("delivery_date") for vals in vals_list):
            self.env["fleet.vehicle"]._aftersales_sync_service_due(orders.vehicle_id.ids)
        return orders

    def write(self, vals):
        if not SERVICE_DUE_FIELDS & set(vals):
            return super().write(vals)
        vehicles = self.vehicle_id
        result = super().write(vals)
        self.env["fleet.vehicle"]._aftersales_sync_service_due((vehicles | self.vehicle_id).ids)
        return result

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
