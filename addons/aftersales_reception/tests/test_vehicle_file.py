from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesCase, make_vin
from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestVehicleFile(AftersalesCase):
    def test_vehicle_file_report(self):
        vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3070001"), engine_number="DJN123456")
        self.env["fleet.vehicle.odometer"].create([
            {"vehicle_id": vehicle.id, "value": 1234, "date": "2025-01-10", "source": "check_in"},
            {"vehicle_id": vehicle.id, "value": 5678, "date": "2025-06-10", "source": "delivery"},
        ])
        html, report_type = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_reception.action_report_vehicle_file", vehicle.ids
        )
        self.assertEqual(report_type, "html")
        html = html.decode()
        for expected in (vehicle.vin_sn, "DJN123456", "王小明", "1234", "5678", "浙A·T0001"):
            self.assertIn(expected, html)

    def test_fleet_app_keeps_to_the_dealer_fleet(self):
        customer_car = self._create_vehicle(make_vin("LTV2A21K", "M3070002"))
        loaner = self.env["fleet.vehicle"].create({"model_id": self.car_model.id, "license_plate": "浙A·L0002"})
        fleet_action = self.env["ir.actions.act_window"]._for_xml_id("fleet.fleet_vehicle_action")
        customer_action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_reception.fleet_vehicle_customer_action"
        )
        Vehicle = self.env["fleet.vehicle"]
        in_fleet = Vehicle.search(safe_eval(fleet_action["domain"]))
        in_aftersales = Vehicle.search(safe_eval(customer_action["domain"]))
        self.assertIn(loaner, in_fleet)
        self.assertNotIn(customer_car, in_fleet)
        self.assertIn(customer_car, in_aftersales)
        self.assertNotIn(loaner, in_aftersales)


@tagged("post_install", "-at_install")
class TestVehicleServiceHistory(VisitCase):
    """一车一档: the vehicle's file lists its own work orders, on screen and on paper."""

    def _approved_order_of(self, vehicle, mileage, jobs):
        check_in = self._check_in(mileage, [name for name, _payer, _hours in jobs], vehicle=vehicle)
        check_in.action_create_work_order()
        order = check_in.repair_id.with_user(self.advisor)
        for job, (_name, payer, hours) in zip(order.job_ids.sorted("id"), jobs, strict=True):
            job.write({"payer": payer, "labour_hours": hours})
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        return order

    def test_service_history(self):
        order = self._approved_order_of(self.vehicle, 41234, [("保养", "customer", 1.0), ("刹车异响", "warranty", 2.0)])
        other_vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3090002"), license_plate="浙A·V0002")
        other_order = self._approved_order_of(other_vehicle, 52000, [("空调不凉", "customer", 1.0)])
        self.assertEqual((order.amount_customer, order.amount_warranty, order.amount_total), (300.0, 400.0, 700.0))

        vehicle = self.vehicle.with_user(self.advisor)
        form = Form(vehicle, view="aftersales_reception.fleet_vehicle_view_form_customer")
        self.assertEqual(form.repair_ids.ids, order.ids, "only this vehicle's work orders")
        self.assertEqual(form.repair_count, 1)
        self.assertEqual(other_vehicle.with_user(self.advisor).repair_count, 1)
        self.assertEqual(order.mileage_in, 41234)

        action = vehicle.action_view_repairs()
        self.assertEqual(self.env["repair.order"].with_user(self.advisor).search(action["domain"]), order)

        html, _report_type = self.env["ir.actions.report"].with_user(self.advisor)._render_qweb_html(
            "aftersales_reception.action_report_vehicle_file", vehicle.ids
        )
        html = html.decode()
        for expected in (order.name, "保养", "刹车异响", "41234"):
            self.assertIn(expected, html)
        for absent in (other_order.name, "空调不凉"):
            self.assertNotIn(absent, html)
