from odoo import fields, models


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
