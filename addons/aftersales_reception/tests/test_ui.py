from odoo import fields
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

    def test_advisor_checks_in_an_appointment(self):
        advisor = new_test_user(self.env, login="tour_advisor2", groups="aftersales_reception.group_service_advisor")
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors 2"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour SUV", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "猪八戒"})
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
            "license_plate": "浙A·TOUR2",
        })
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": vehicle.id, "value": 52000})
        appointment = self.env["aftersales.appointment"].create({
            "vehicle_id": vehicle.id, "advisor_id": advisor.id, "source": "walk_in",
            "start_date": fields.Datetime.now(),
        })
        self.start_tour("/odoo/action-aftersales_reception.aftersales_appointment_action?view_type=list",
                        "aftersales_appointment_check_in", login="tour_advisor2")
        check_in = appointment.check_in_id
        self.assertEqual(appointment.state, "checked_in")
        self.assertEqual(check_in.odometer, 52300)
        self.assertEqual(check_in.concern_ids.mapped("name"), ["冷车启动有异响"])
        self.assertEqual(vehicle.current_mileage, 52300)
