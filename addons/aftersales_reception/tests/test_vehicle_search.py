from odoo.tests import new_test_user, tagged

from .common import AftersalesCase, make_vin


@tagged("post_install", "-at_install")
class TestVehicleSearch(AftersalesCase):
    """Reception finds the car however the plate, the VIN or the owner is typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.advisor = new_test_user(
            cls.env, login="search_advisor", groups="aftersales_reception.group_service_advisor"
        )
        cls.vin = make_vin("LFV2A21K", "N4812374")
        cls.car = cls._create_vehicle(cls.vin, license_plate="浙A·X8Z61")
        cls.driver = cls.env["res.partner"].create({"name": "李雷", "phone": "13912345678"})
        cls.car.driver_id = cls.driver
        cls.other_owner = cls.env["res.partner"].create({"name": "韩梅梅", "phone": "13700000002"})
        cls.other = cls._create_vehicle(make_vin("LFV2A21K", "N4800001"), license_plate="浙B·12345",
                                        customer_id=cls.other_owner.id)

    def _found(self, text):
        """The test's cars among those found (the database may hold other dealers' cars too)."""
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        found = Vehicle.browse([vehicle_id for vehicle_id, _name in Vehicle.name_search(text, limit=None)])
        return found & (self.car | self.other)

    def test_plate_however_typed(self):
        self.assertEqual(self.car.license_plate_key, "浙AX8Z61")
        for text in ("浙A·X8Z61", "浙AX8Z61", "浙a x8z61", "ax8z61", "A.X8Z61", "X8Z61", "浙A-X8Z61"):
            with self.subTest(text=text):
                self.assertEqual(self._found(text), self.car)

    def test_vin_and_its_tail(self):
        for text in (self.vin, self.vin.lower(), self.vin[-6:], f" {self.vin[-8:]} "):
            with self.subTest(text=text):
                self.assertEqual(self._found(text), self.car)

    def test_owner_driver_and_phone(self):
        self.assertEqual(self._found("13800000001"), self.car, "the owner's phone")
        self.assertEqual(self._found("13912345678"), self.car, "the driver's phone")
        self.assertEqual(self._found("李雷"), self.car, "the driver")
        self.assertEqual(self._found("韩梅梅"), self.other, "the owner")
        self.assertFalse(self._found("浙C"), "nothing else matches")
        self.assertFalse(self._found("-"), "separators alone match no plate")

    def test_not_matching_is_the_other_cars(self):
        """"Does not contain" in a search is every car the text does not find: plate, VIN, owner or driver."""
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        for text, found in (("ax8z61", self.car), (self.vin[-6:], self.car), ("李雷", self.car),
                            ("韩梅梅", self.other)):
            with self.subTest(text=text):
                self.assertEqual(Vehicle.search([("display_name", "not ilike", text)]) & (self.car | self.other),
                                 (self.car | self.other) - found)

    def test_documents_found_by_the_vehicle(self):
        """The vehicle fields of the reception's documents search the same way (a many2one search)."""
        check_in = self.env["aftersales.check.in"].create({"vehicle_id": self.car.id, "odometer": 100})
        CheckIn = self.env["aftersales.check.in"].with_user(self.advisor)
        self.assertEqual(CheckIn.search([("vehicle_id", "ilike", "ax8z61")]), check_in)
        self.assertEqual(CheckIn.search([("vehicle_id", "ilike", self.vin[-6:])]), check_in)
        self.assertFalse(CheckIn.search([("vehicle_id", "ilike", "浙B12345")]))

    def test_model_name_and_query_count(self):
        """Fleet's own search by the car's name (brand, model, plate) is kept; the people are matched once."""
        self.assertIn(self.car, self._found(self.car.model_id.name))
        self.assertIn(self.car, self._found(self.car.model_id.brand_id.name))
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        Vehicle.name_search("x8z61", limit=8)  # warm the caches
        self.env.invalidate_all()
        # The matching people, the cars, their names.
        with self.assertQueryCount(__system__=3):
            found = Vehicle.name_search("x8z61", limit=8)
        self.assertEqual([vehicle_id for vehicle_id, _name in found], self.car.ids)

    def test_short_text_matches_people_in_one_query(self):
        """Two characters: the owners and drivers are matched in the cars' query itself."""
        self.assertIn(self.car, self._found("李雷"))
        self.assertIn(self.other, self._found("梅梅"))
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor)
        Vehicle.name_search("李雷", limit=8)
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=2):
            Vehicle.name_search("李雷", limit=8)
