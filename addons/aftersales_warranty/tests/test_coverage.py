from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestCoverage(WarrantyCase):
    def _coverage(self, on, mileage, component=False):
        self.vehicle.write({"sale_date": date(2023, 5, 1), "warranty_start_date": date(2023, 5, 1)})
        return self.vehicle._warranty_coverage(date=on, mileage=mileage, component=component)

    def test_covered_within_years_and_km(self):
        coverage = self._coverage(date(2025, 4, 30), 99000)
        self.assertIs(coverage["covered"], True)
        self.assertEqual(coverage["policy"], self.policy)

    def test_expired_by_date(self):
        coverage = self._coverage(date(2026, 5, 1), 20000)
        self.assertIs(coverage["covered"], False)
        self.assertIn("expired on 2026-05-01", coverage["note"])
        self.assertNotIn("beyond", coverage["note"])

    def test_beyond_km_before_the_date(self):
        """Whichever comes first: 100 001 km after one year ends the warranty."""
        coverage = self._coverage(date(2024, 5, 1), 100001)
        self.assertIs(coverage["covered"], False)
        self.assertIn("beyond 100 000 km", coverage["note"])
        self.assertNotIn("expired", coverage["note"])

    def test_whichever_comes_first_edges(self):
        # The last covered day and the limit itself are covered; the next day and the next km are not.
        self.assertIs(self._coverage(date(2026, 4, 30), 100000)["covered"], True)
        self.assertIs(self._coverage(date(2026, 5, 1), 100000)["covered"], False)
        both = self._coverage(date(2026, 5, 1), 100001)
        self.assertIn("expired on 2026-05-01", both["note"])
        self.assertIn("beyond 100 000 km", both["note"])

    def test_component_coverage_outlives_the_base(self):
        self.assertIs(self._coverage(date(2027, 5, 1), 80000)["covered"], False)
        powertrain = self._coverage(date(2027, 5, 1), 80000, component="powertrain")
        self.assertIs(powertrain["covered"], True)
        self.assertIs(self._coverage(date(2028, 5, 1), 80000, component="powertrain")["covered"], False)

    def test_sanbao_and_repair_guarantee_periods(self):
        inside = self._coverage(date(2025, 4, 30), 49000)
        self.assertTrue(inside["sanbao"])
        self.assertTrue(inside["repair_guarantee"])
        later = self._coverage(date(2025, 5, 1), 49000)
        self.assertFalse(later["sanbao"], "三包 is 2 years")
        self.assertTrue(later["repair_guarantee"])
        self.assertFalse(self._coverage(date(2025, 4, 30), 60001)["repair_guarantee"])

    def test_model_policy_wins_over_brand_policy(self):
        model_policy = self.env["aftersales.warranty.policy"].create({
            "name": "Sedan T1 延保", "brand_id": self.brand.id, "model_id": self.car_model.id,
            "base_years": 4, "base_km": 120000,
        })
        self.assertEqual(self.vehicle._warranty_policies()[self.vehicle], model_policy)
        with self.assertRaisesRegex(ValidationError, "already has a warranty policy"):
            self.env["aftersales.warranty.policy"].create({"name": "dup", "brand_id": self.brand.id})

    def test_unknown_without_start_date_or_policy(self):
        self.vehicle.warranty_start_date = False
        self.assertIsNone(self.vehicle._warranty_coverage()["covered"])
        self.assertEqual(self.vehicle.warranty_state, "unknown")
        imported = self._create_vehicle(None, model_id=self.imported_model.id, license_plate="浙A·T0009",
                                        warranty_start_date=self.today)
        self.assertIn("No warranty policy", imported.warranty_note)

    def test_check_in_and_job_say_why_not(self):
        start = self.today - timedelta(days=365 * 4)
        self.vehicle.write({"sale_date": start, "warranty_start_date": start})
        check_in = self._check_in(45000, ["发动机异响"])
        self.assertEqual(check_in.warranty_state, "not_covered")
        self.assertIn("expired on", check_in.warranty_note)
        check_in.action_create_work_order()
        job = check_in.repair_id.job_ids
        job.payer = "warranty"
        self.assertEqual(job.warranty_state, "not_covered")
        # The engine is powertrain: five years.
        job.fault_category_id = self.env.ref("aftersales_warranty.fault_engine")
        self.assertEqual(job.warranty_state, "covered")

    def test_check_in_beyond_km(self):
        check_in = self._check_in(100500, ["异响"])
        self.assertEqual(check_in.warranty_state, "not_covered")
        self.assertIn("beyond 100 000 km", check_in.warranty_note)


@tagged("post_install", "-at_install")
class TestSanbao(WarrantyCase):
    def test_serious_fault_repaired_twice_warns_before_the_third(self):
        for mileage in (41000, 42000):
            order = self._warranty_order([("刹车失灵", "warranty", 1.0)], mileage=mileage)
            order.job_ids.fault_category_id = self.fault_brakes
            self._finish(order)
            if mileage == 41000:
                self.vehicle.invalidate_recordset(["sanbao_warning"])
                self.assertFalse(self.vehicle.sanbao_warning, "one repair is not a threshold")
            order._record_delivery(mileage + 5, False, False)
        self.vehicle.invalidate_recordset(["sanbao_warning", "sanbao_serious_repairs"])
        self.assertEqual(self.vehicle.sanbao_serious_repairs, 2)
        check_in = self._check_in(43000, ["刹车又失灵"])
        self.assertIn("repaired 2 times", check_in.sanbao_warning)
        self.assertIn("replacement or a refund", check_in.sanbao_warning)

    def test_non_serious_faults_do_not_count(self):
        for mileage in (41000, 42000, 43000):
            order = self._warranty_order([("水泵漏水", "warranty", 1.0)], mileage=mileage)
            order.job_ids.fault_category_id = self.fault_cooling
            self._finish(order)
            order._record_delivery(mileage + 5, False, False)
        self.vehicle.invalidate_recordset(["sanbao_warning", "sanbao_serious_repairs"])
        self.assertEqual(self.vehicle.sanbao_serious_repairs, 0)
        self.assertFalse(self.vehicle.sanbao_warning)

    def test_days_off_the_road_warn_at_thirty(self):
        arrival = datetime.combine(self.today - timedelta(days=60), datetime.min.time()) + timedelta(hours=1)
        with freeze_time(arrival):
            order = self._warranty_order([("变速箱顿挫", "warranty", 4.0)])
            self._finish(order)
        # 28 days and 8 hours: 29 days, as a started day counts.
        with freeze_time(arrival + timedelta(days=28, hours=8)):
            order._record_delivery(41010, False, False)
        self.vehicle.invalidate_recordset(["sanbao_days_off_road", "sanbao_warning"])
        self.assertEqual(self.vehicle.sanbao_days_off_road, 29)
        self.assertFalse(self.vehicle.sanbao_warning)
        # A visit of a few hours counts as one day: 30 days, the warning.
        order = self._warranty_order([("变速箱顿挫", "warranty", 1.0)], mileage=41500)
        self.vehicle.invalidate_recordset(["sanbao_days_off_road", "sanbao_warning"])
        self.assertEqual(self.vehicle.sanbao_days_off_road, 30)
        self.assertIn("30 days off the road", self.vehicle.sanbao_warning)
        self.company.aftersales_sanbao_days_limit = 30
        self.vehicle.invalidate_recordset(["sanbao_warning"])
        self.assertIn("beyond the limit of 30", self.vehicle.sanbao_warning)

    def test_customer_visits_do_not_count(self):
        order = self._warranty_order([("保养", "customer", 1.0)])
        self._finish(order)
        order._record_delivery(41005, False, False)
        self.vehicle.invalidate_recordset(["sanbao_days_off_road"])
        self.assertEqual(self.vehicle.sanbao_days_off_road, 0)

    def test_warning_threshold_validated(self):
        with self.assertRaisesRegex(ValidationError, "before the limit"):
            self.company.aftersales_sanbao_days_warning = 40
