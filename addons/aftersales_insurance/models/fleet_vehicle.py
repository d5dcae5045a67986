from odoo import fields, models

# Who reads insurance cases (see ir.model.access.csv); the service manager includes them all.
CASE_READERS = ("aftersales_insurance.group_insurance_clerk,aftersales_reception.group_service_advisor,"
                "aftersales_reception.group_cashier")


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    insurance_case_count = fields.Integer(compute="_compute_insurance_case_count", groups=CASE_READERS)

    def _compute_insurance_case_count(self):
        counts = dict(self.env["aftersales.insurance.case"]._read_group(
            [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
        ))
        for vehicle in self:
            vehicle.insurance_case_count = counts.get(vehicle, 0)

    def action_view_insurance_cases(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_insurance.aftersales_insurance_case_action")
        # Closed cases belong to the vehicle's history too: no "open" filter here.
        action["domain"] = [("vehicle_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
