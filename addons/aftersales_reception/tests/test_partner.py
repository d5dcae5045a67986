from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AftersalesCase, make_vin


@tagged("post_install", "-at_install")
class TestPartner(AftersalesCase):
    def test_call_window(self):
        self.customer.write({"call_time_from": 10.0, "call_time_to": 12.0})
        with self.assertRaisesRegex(ValidationError, "call window"):
            self.customer.write({"call_time_from": 15.0, "call_time_to": 12.0})
        with self.assertRaises(ValidationError):
            self.customer.write({"call_time_from": 20.0, "call_time_to": 25.0})
        self.assertEqual((self.customer.call_time_from, self.customer.call_time_to), (10.0, 12.0))

    def test_contact_preferences_in_form(self):
        with Form(self.customer) as form:
            form.aftersales_contact_channel = "wechat"
            form.birthday = "1985-06-01"
        self.assertEqual(self.customer.aftersales_contact_channel, "wechat")

    def test_vehicles_of_customer(self):
        self._create_vehicle(make_vin("LTV2A21K", "M3043001"))
        self._create_vehicle(make_vin("LTV2A21K", "M3043002"), license_plate="浙A·T0003")
        self.assertEqual(self.customer.customer_vehicle_count, 2)
        action = self.customer.action_view_customer_vehicles()
        self.assertEqual(self.env["fleet.vehicle"].search_count(action["domain"]), 2)
