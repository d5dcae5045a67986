from contextlib import contextmanager

from odoo.tests import TransactionCase

from odoo.addons.aftersales_reception.tools import vin_check_digit


def make_vin(prefix_8, suffix_8):
    """Build a valid VIN from its first eight and last eight characters."""
    draft = f"{prefix_8}0{suffix_8}"
    return f"{prefix_8}{vin_check_digit(draft)}{suffix_8}"


class AftersalesCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Motors"})
        cls.imported_brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "Test Imports", "vin_check_digit_required": False}
        )
        cls.car_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Sedan T1", "brand_id": cls.brand.id, "vehicle_type": "car"}
        )
        cls.imported_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Touring T9", "brand_id": cls.imported_brand.id, "vehicle_type": "car"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "王小明", "phone": "13800000001"})

    @classmethod
    def _create_vehicle(cls, vin=None, **values):
        return cls.env["fleet.vehicle"].create({
            "vehicle_usage": "customer",
            "customer_id": cls.customer.id,
            "model_id": cls.car_model.id,
            "license_plate": values.pop("license_plate", "浙A·T0001"),
            "vin_sn": vin,
            **values,
        })

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # noqa: N802 - unittest's name
        """Like unittest's, inside the savepoint Odoo's ``assertRaises`` rolls back.

        What a refused operation wrote is undone, as the request's rollback would.
        """
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)
