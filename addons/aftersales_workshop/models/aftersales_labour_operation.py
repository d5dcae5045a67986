from odoo import api, fields, models


class AftersalesLabourOperation(models.Model):
    """A labour operation of the catalogue (工时): code and flat-rate hours, per model where they differ."""

    _name = "aftersales.labour.operation"
    _description = "Labour Operation"
    _order = "code, id"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    standard_hours = fields.Float(required=True, digits=(16, 2))
    skill_ids = fields.Many2many("aftersales.skill", string="Skills Needed")
    team_id = fields.Many2one("aftersales.workshop.team", help="The team that usually does it.")
    time_ids = fields.One2many("aftersales.labour.operation.time", "operation_id", string="Hours per Model")
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint(
        "UNIQUE(code, company_id)", "A labour operation code is used once per company."
    )
    _hours_positive = models.Constraint("CHECK(standard_hours >= 0)", "Standard hours cannot be negative.")

    @api.depends("code", "name")
    def _compute_display_name(self):
        for operation in self:
            operation.display_name = f"[{operation.code}] {operation.name}" if operation.code else operation.name

    def _hours_for_model(self, vehicle_model):
        """Flat-rate hours for a vehicle model: its own time when it has one, the standard otherwise."""
        self.ensure_one()
        specific = self.time_ids.filtered(lambda time: time.model_id == vehicle_model)
        return specific[:1].hours if specific else self.standard_hours
