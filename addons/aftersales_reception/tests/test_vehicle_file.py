from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AftersalesCase, make_vin


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
