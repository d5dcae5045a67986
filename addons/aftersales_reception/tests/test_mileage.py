from datetime import date, timedelta

from psycopg2.errors import CheckViolation

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged, warmup
from odoo.tools import mute_logger

from .common import AftersalesCase, make_vin


@tagged("post_install", "-at_install")
class TestMileage(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._create_vehicle(make_vin("LTV2A21K", "M3041001"))
        cls.Reading = cls.env["fleet.vehicle.odometer"]

    def _read(self, days_ago, value, **values):
        return self.Reading.create({
            "vehicle_id": self.vehicle.id,
            "date": date.today() - timedelta(days=days_ago),
            "value": value,
            "source": values.pop("source", "check_in"),
            **values,
        })

    def test_regression_refused_and_nothing_changes(self):
        self._read(100, 12000)
        self._read(50, 14000)
        with self.assertRaisesRegex(ValidationError, "cannot go down from 14000.0 to 13000.0"):
            self._read(10, 13000)
        self.assertEqual(self.vehicle.current_mileage, 14000)
        self.assertEqual(len(self.vehicle.odometer_ids), 2)

    def test_older_reading_above_a_later_one_refused(self):
        self._read(50, 14000)
        with self.assertRaisesRegex(ValidationError, "higher than a later reading"):
            self._read(100, 15000)

    def test_editing_a_reading_into_a_regression_refused(self):
        first = self._read(100, 12000)
        self._read(50, 14000)
        with self.assertRaises(ValidationError):
            first.value = 15000

    def test_correction_accepted_with_reason(self):
        self._read(200, 80000)
        with self.assertRaisesRegex(ValidationError, "needs a reason"):
            self._read(100, 12, is_correction=True)
        correction = self._read(100, 12, is_correction=True, correction_reason="meter_replaced",
                                correction_note="仪表总成更换", source="manual")
        self.assertTrue(correction)
        self.assertEqual(self.vehicle.current_mileage, 12)
        self.assertEqual(self.vehicle.odometer, 12, "fleet's Last Odometer follows the new meter")
        # After the correction the new meter is the reference.
        self._read(50, 2512)
        self.assertAlmostEqual(self.vehicle.mileage_per_day, 50.0, places=1)
        with self.assertRaises(ValidationError):
            self._read(10, 2000)

    def test_typing_error_corrected(self):
        self._read(30, 3000)
        self._read(20, 35000)  # should have been 3500
        self._read(10, 4000, is_correction=True, correction_reason="typing_error")
        self.assertEqual(self.vehicle.current_mileage, 4000)

    def test_future_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._read(-1, 1000)

    def test_negative_value_refused(self):
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            self._read(1, -5)

    def test_daily_mileage_estimate(self):
        self.assertEqual(self.vehicle.mileage_per_day, 0.0)
        self._read(300, 10000)
        self.assertEqual(self.vehicle.mileage_per_day, 0.0, "one reading without a sale date tells nothing")
        self._read(100, 18000)
        self.assertAlmostEqual(self.vehicle.mileage_per_day, 40.0, places=1)
        self._read(0, 21000)
        self.assertAlmostEqual(self.vehicle.mileage_per_day, (21000 - 10000) / 300, places=1)
        self.assertEqual(self.vehicle.last_mileage_date, date.today())

    def test_daily_mileage_window_ignores_old_history(self):
        self.env["ir.config_parameter"].set_param("aftersales_reception.mileage_window_days", 365)
        self._read(1000, 5000)   # years ago the car was barely used
        self._read(360, 6000)
        self._read(0, 24000)
        self.assertAlmostEqual(self.vehicle.mileage_per_day, 50.0, places=1)

    def test_daily_mileage_from_sale_date(self):
        self.vehicle.sale_date = date.today() - timedelta(days=200)
        self._read(0, 7000)
        self.assertAlmostEqual(self.vehicle.mileage_per_day, 35.0, places=1)

    def test_reading_added_from_vehicle_form(self):
        self._read(30, 1000)
        view = "aftersales_reception.fleet_vehicle_view_form_customer"
        with Form(self.vehicle, view=view) as form, form.odometer_ids.new() as reading:
            reading.date = date.today()
            reading.value = 1900
            reading.source = "manual"
        self.assertEqual(self.vehicle.current_mileage, 1900)
        with (
            self.assertRaises(ValidationError),
            Form(self.vehicle, view=view) as form,
            form.odometer_ids.new() as reading,
        ):
            reading.date = date.today()
            reading.value = 1200

    @warmup
    def test_batch_of_readings_checked_in_one_query(self):
        vehicles = self.env["fleet.vehicle"].create([
            {
                "vehicle_usage": "customer",
                "customer_id": self.customer.id,
                "model_id": self.car_model.id,
                "vin_sn": make_vin("LTV2A21K", f"M30420{index:02d}"),
            }
            for index in range(20)
        ])
        values = [
            {"vehicle_id": vehicle.id, "date": date.today() - timedelta(days=days), "value": value}
            for vehicle in vehicles
            for days, value in ((60, 1000), (30, 2000))
        ]
        self.env.invalidate_all()
        # Constant in the number of vehicles: insert, one neighbour query, recompute.
        with self.assertQueryCount(16):
            self.Reading.create(values)
            self.env.flush_all()
        self.assertEqual(set(vehicles.mapped("current_mileage")), {2000})
