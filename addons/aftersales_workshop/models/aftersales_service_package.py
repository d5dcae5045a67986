from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class AftersalesServicePackage(models.Model):
    """A maintenance menu (保养套餐): the operations and parts of a service at a mileage interval."""

    _name = "aftersales.service.package"
    _description = "Service Package"
    _order = "mileage_interval, name, id"

    name = fields.Char(required=True, translate=True)
    model_ids = fields.Many2many("fleet.vehicle.model", string="Vehicle Models",
                                 help="Empty: the package suits every model.")
    mileage_interval = fields.Integer(string="Mileage (km)", help="The service's mileage, e.g. 10 000 km.")
    operation_ids = fields.Many2many("aftersales.labour.operation", string="Labour Operations",
                                     check_company=True)
    line_ids = fields.One2many("aftersales.service.package.line", "package_id", string="Parts")
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    _mileage_positive = models.Constraint("CHECK(mileage_interval >= 0)", "The mileage cannot be negative.")

    def _prepare_job_values(self, order, payer="customer"):
        """One job per labour operation; the parts go with the first job."""
        self.ensure_one()
        vehicle_model = order.vehicle_id.model_id
        if self.model_ids and vehicle_model not in self.model_ids:
            raise UserError(self.env._(
                "Package %(package)s does not fit a %(model)s.", package=self.name, model=vehicle_model.name
            ))
        if not self.operation_ids:
            raise UserError(self.env._("Package %(package)s has no labour operation.", package=self.name))
        values = []
        for index, operation in enumerate(self.operation_ids):
            parts = [
                Command.create({
                    "repair_id": order.id, "repair_line_type": "add", "product_id": line.product_id.id,
                    "product_uom_qty": line.quantity,
                })
                for line in self.line_ids
            ] if index == 0 else []
            values.append({
                "repair_id": order.id,
                "name": operation.name,
                "operation_id": operation.id,
                "labour_hours": operation._hours_for_model(vehicle_model),
                "payer": payer,
                "move_ids": parts,
            })
        return values

    @api.model
    def _apply_to_order(self, package, order, payer="customer"):
        if order.state not in ("draft", "confirmed", "under_repair") or order.settlement_date:
            raise UserError(self.env._("Add a package to an open work order."))
        return self.env["aftersales.job"].create(package._prepare_job_values(order, payer=payer))
