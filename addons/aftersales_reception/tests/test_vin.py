from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged, warmup
from odoo.tools import mute_logger

from odoo.addons.aftersales_reception.tools import normalize_vin, vin_check_digit

from .common import AftersalesCase, make_vin


@tagged("post_install", "-at_install")
class TestVin(AftersalesCase):
    def test_check_digit_reference_values(self):
        # Reference VINs whose check digits are published (NHTSA / ISO 3779 examples).
        self.assertEqual(vin_check_digit("1M8GDM9AXKP042788"), "X")
        self.assertEqual(vin_check_digit("11111111111111111"), "1")
        self.assertEqual(vin_check_digit("1HGCM82633A004352"), "3")
        self.assertIsNone(vin_check_digit("1HGCM82633A00435"))
        self.assertIsNone(vin_check_digit("1HGCM82633A00435O"))

    def test_valid_vin_accepted(self):
        vin = make_vin("LTV2A21K", "M3040845")
        vehicle = self._create_vehicle(vin)
        self.assertEqual(vehicle.vin_sn, vin)

    def test_lower_case_and_spaces_normalised(self):
        vin = make_vin("LTV2A21K", "M3040846")
        vehicle = self._create_vehicle(" " + vin[:8].lower() + " " + vin[8:].lower() + " ")
        self.assertEqual(vehicle.vin_sn, vin)
        other_vin = make_vin("LTV2A21K", "M3040847")
        vehicle.write({"vin_sn": other_vin.lower()})
        self.assertEqual(vehicle.vin_sn, other_vin)
        self.assertEqual(normalize_vin("lfv-2a21k"), "LFV2A21K")

    def test_wrong_length_refused(self):
        with self.assertRaisesRegex(ValidationError, "has 16 characters"):
            self._create_vehicle("LTV2A21K5M304084")
        with self.assertRaisesRegex(ValidationError, "has 18 characters"):
            self._create_vehicle("LTV2A21K5M30408450")

    def test_forbidden_letters_refused(self):
        for letter in "IOQ":
            vin = "LTV2A21K" + "0" + "M30408" + letter + "5"
            with self.subTest(letter=letter), self.assertRaisesRegex(ValidationError, f"contains {letter}"):
                self._create_vehicle(vin)

    def test_bad_check_digit_refused_and_nothing_changes(self):
        vin = make_vin("LTV2A21K", "M3040848")
        wrong_digit = "1" if vin[8] != "1" else "2"
        bad_vin = vin[:8] + wrong_digit + vin[9:]
        count = self.env["fleet.vehicle"].search_count([])
        with self.assertRaisesRegex(ValidationError, f"should be {vin[8]}"):
            self._create_vehicle(bad_vin)
        self.assertEqual(self.env["fleet.vehicle"].search_count([]), count)
        vehicle = self._create_vehicle(vin)
        with self.assertRaises(ValidationError):
            vehicle.write({"vin_sn": bad_vin})
        self.assertEqual(vehicle.vin_sn, vin)

    def test_imported_brand_skips_check_digit_only(self):
        bad_check_digit = "WVGZZZTSTPD301093"
        self.assertNotEqual(vin_check_digit(bad_check_digit), bad_check_digit[8])
        vehicle = self._create_vehicle(bad_check_digit, model_id=self.imported_model.id)
        self.assertEqual(vehicle.vin_sn, bad_check_digit)
        # Length and letters still apply to imported vehicles.
        with self.assertRaises(ValidationError):
            self._create_vehicle("WVGZZZTSTPD30109O", model_id=self.imported_model.id)

    def test_duplicate_vin_refused_in_same_company(self):
        vin = make_vin("LTV2A21K", "M3040849")
        self._create_vehicle(vin)
        with self.assertRaises(IntegrityError) as caught, mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._create_vehicle(vin.lower(), license_plate="浙A·T0002")
        # What the user reads when the database refuses the duplicate.
        message = self.env["fleet.vehicle"]._sql_error_to_message(caught.exception)
        self.assertIn("already registered in this company", message)
        self.assertEqual(self.env["fleet.vehicle"].search_count([("vin_sn", "=", vin)]), 1)

    def test_duplicate_vin_allowed_in_other_company(self):
        vin = make_vin("LTV2A21K", "M3040850")
        self._create_vehicle(vin)
        other_company = self.env["res.company"].create({"name": "宁波分店"})
        other_customer = self.env["res.partner"].create({"name": "李四", "company_id": other_company.id})
        vehicle = self.env["fleet.vehicle"].with_company(other_company).create({
            "vehicle_usage": "customer",
            "customer_id": other_customer.id,
            "model_id": self.car_model.id,
            "vin_sn": vin,
            "company_id": other_company.id,
        })
        self.assertEqual(vehicle.company_id, other_company)

    def test_form_upper_cases_while_typing(self):
        vin = make_vin("LTV3A23C", "N3709570")
        form = Form(self.env["fleet.vehicle"].with_context(default_vehicle_usage="customer"),
                    view="aftersales_reception.fleet_vehicle_view_form_customer")
        form.model_id = self.car_model
        form.customer_id = self.customer
        self.assertEqual(form.driver_id, self.customer, "the owner drives the car unless told otherwise")
        form.vin_sn = vin.lower()
        self.assertEqual(form.vin_sn, vin)
        form.sale_date = "2024-03-01"
        self.assertEqual(str(form.warranty_start_date), "2024-03-01")
        vehicle = form.save()
        self.assertEqual(vehicle.vehicle_usage, "customer")

    def test_customer_vehicle_needs_owner(self):
        with self.assertRaisesRegex(ValidationError, "needs an owner"):
            self._create_vehicle(customer_id=False)
        # The dealer's own cars have no owner.
        loaner = self.env["fleet.vehicle"].create({"model_id": self.car_model.id, "license_plate": "浙A·L0001"})
        self.assertEqual(loaner.vehicle_usage, "dealer")

    def test_refusal_speaks_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["aftersales_reception"], ["zh_CN"], overwrite=True)
        with self.assertRaisesRegex(ValidationError, "车架号 LTV2A21K5M304084 为 16 位"):
            self.env["fleet.vehicle"].with_context(lang="zh_CN").create({
                "vehicle_usage": "customer",
                "customer_id": self.customer.id,
                "model_id": self.car_model.id,
                "vin_sn": "LTV2A21K5M304084",
            })

    @warmup
    def test_batch_registration_query_count(self):
        values = [
            {
                "vehicle_usage": "customer",
                "customer_id": self.customer.id,
                "model_id": self.car_model.id,
                "vin_sn": make_vin("LTV2A21K", f"M30480{index:02d}").lower(),
            }
            for index in range(20)
        ]
        self.env.invalidate_all()
        # Independent of the batch size: fleet's default state is resolved once per batch.
        with self.assertQueryCount(17):
            self.env["fleet.vehicle"].create(values)
            self.env.flush_all()
