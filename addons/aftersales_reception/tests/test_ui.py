from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import use_chinese
from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestVehicleTour(HttpCase):
    def test_advisor_registers_vehicle(self):
        advisor = new_test_user(self.env, login="tour_advisor", groups="aftersales_reception.group_service_advisor")
        use_chinese(self.env, advisor)
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
        use_chinese(self.env, advisor)
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


@tagged("post_install", "-at_install")
class TestWorkOrderTour(HttpCase, VisitCase):
    def test_advisor_finds_the_car_and_records_the_approval_in_chinese(self):
        use_chinese(self.env, self.advisor)
        # A plate of no demo car: the tours find this order alone.
        self.vehicle.license_plate = "浙A·K7Q15"
        check_in = self._check_in(41000, ["保养", "刹车异响"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        service, brakes = order.job_ids.sorted("id")
        service.labour_hours, brakes.labour_hours = 1.0, 2.0
        self._add_part(order, service, self.oil_filter, 1)
        self._confirm_five(order)
        self.assertEqual(order.aftersales_stage, "quotation")
        self.start_tour("/odoo/aftersales-work-orders", "aftersales_work_order_advisor", login=self.advisor.login)
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(order.aftersales_stage, "confirmed")
        self.assertEqual(order.approval_ids.mapped("amount"), [958.0], "3 h x 300 and the oil filter at 58")
        self.assertEqual(order.approval_ids.approved_by, "王小明")
        self.assertEqual(order.approval_ids.channel, "phone")

    def test_manager_reads_the_board_by_stage_and_allows_credit(self):
        use_chinese(self.env, self.manager)
        # A plate of no demo car: the tours find this order alone.
        self.vehicle.license_plate = "浙A·K7Q15"
        order = self._approved_order()
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order._record_delivery(41010, False, False)
        order.with_user(self.cashier).action_settle()
        self.assertEqual((order.aftersales_stage, order.is_customer_paid), ("settled", False))
        self.start_tour("/odoo/aftersales-work-orders?view_type=kanban", "aftersales_manager_allows_credit",
                        login=self.manager.login)
        self.assertTrue(order.credit_allowed)
        self.assertEqual(order.credit_allowed_by_id, self.manager)
        self.assertFalse(order.gate_pass_date, "the gate pass stays the cashier's or advisor's step")
