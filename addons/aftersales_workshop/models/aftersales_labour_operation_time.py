from odoo import api, fields, models


class AftersalesLabourOperationTime(models.Model):
    _name = "aftersales.labour.operation.time"
    _description = "Labour Operation Hours per Model"
    _order = "operation_id, model_id"

    operation_id = fields.Many2one("aftersales.labour.operation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="operation_id.company_id", store=True, index=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Vehicle Model", required=True, ondelete="cascade")
    hours = fields.Float(required=True, digits=(16, 2))

    _operation_model_unique = models.Constraint(
        "UNIQUE(operation_id, model_id)", "A vehicle model has one time per labour operation."
    )
    _hours_positive = models.Constraint("CHECK(hours >= 0)", "Hours cannot be negative.")

    @api.depends("operation_id.display_name", "model_id.display_name")
    def _compute_display_name(self):
        for time in self:
            time.display_name = f"{time.operation_id.display_name} – {time.model_id.display_name}"
