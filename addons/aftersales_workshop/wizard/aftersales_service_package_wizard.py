from odoo import fields, models

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS


class AftersalesServicePackageWizard(models.TransientModel):
    _name = "aftersales.service.package.wizard"
    _description = "Add a Service Package"

    repair_id = fields.Many2one("repair.order", required=True)
    vehicle_model_id = fields.Many2one(related="repair_id.vehicle_id.model_id")
    package_id = fields.Many2one(
        "aftersales.service.package", required=True,
        domain="['|', ('model_ids', '=', False), ('model_ids', 'in', vehicle_model_id)]",
    )
    payer = fields.Selection(PAYERS, required=True, default="customer")

    def action_apply(self):
        self.ensure_one()
        self.repair_id._add_service_package(self.package_id, payer=self.payer)
        return {"type": "ir.actions.act_window_close"}
