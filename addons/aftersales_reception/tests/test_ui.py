from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVehicleTour(HttpCase):
    def test_advisor_registers_vehicle(self):
        new_test_user(self.env, login="tour_advisor", groups="aftersales_reception.group_service_advisor")
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors"})
        self.env["fleet.vehicle.model"].create({"name": "Tour Sedan", "brand_id": brand.id})
        self.env["res.partner"].create({"name": "孙悟空"})
        self.start_tour("/odoo/aftersales-vehicles", "aftersales_register_vehicle", login="tour_advisor")
        vehicle = self.env["fleet.vehicle"].search([("license_plate", "=", "浙A·TOUR1")])
        self.assertEqual(vehicle.vin_sn, "LTV2A21K2M3040845")
        self.assertEqual(vehicle.vehicle_usage, "customer")
        self.assertEqual(vehicle.customer_id.name, "孙悟空")
        self.assertEqual(vehicle.driver_id, vehicle.customer_id)
