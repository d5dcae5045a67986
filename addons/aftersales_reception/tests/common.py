from contextlib import contextmanager

from odoo.tests import TransactionCase

from odoo.addons.aftersales_reception.tools import vin_check_digit

OPERATIONS = ("read", "write", "create", "unlink")


def access_rights(records):
    """What the environment's user may do on the model: read, write, create, unlink, e.g. "1110"."""
    return "".join("1" if records.has_access(operation) else "0" for operation in OPERATIONS)


# Reception's records as a role of another addon finds them: read, nothing more, unless its addon grants it.
RECEPTION_READER_RIGHTS = {
    "fleet.vehicle": "1000", "fleet.vehicle.odometer": "1000", "aftersales.appointment": "1000",
    "aftersales.check.in": "1000", "aftersales.job": "1000", "aftersales.approval": "1000",
    "repair.order": "1000", "res.partner": "1000",
}


def use_chinese(env, *users):
    """The dealership in Chinese, as its users work: zh_CN active with the terms of the installed after-sales
    addons and of the Odoo apps their screens extend, and the users' language set to it."""
    env["res.lang"]._activate_lang("zh_CN")
    modules = env["ir.module.module"].search([
        ("state", "=", "installed"), "|", ("name", "=like", "aftersales_%"),
        ("name", "in", ("repair", "fleet", "stock", "account", "survey", "calendar")),
    ])
    env["ir.module.module"]._load_module_terms(modules.mapped("name"), ["zh_CN"], overwrite=True)
    for user in users:
        user.lang = "zh_CN"


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

    def assertRights(self, user, expected):  # noqa: N802 - unittest's style
        """``expected`` maps a model to what the user may do on it: read, write, create, unlink, e.g. "1110"."""
        for model, rights in expected.items():
            self.assertEqual(access_rights(self.env[model].with_user(user)), rights,
                             f"{user.login} on {model} (read, write, create, unlink)")

    @contextmanager
    def assertRaisesRegex(self, exception, regex):  # noqa: N802 - unittest's name
        """Like unittest's, inside the savepoint Odoo's ``assertRaises`` rolls back.

        What a refused operation wrote is undone, as the request's rollback would.
        """
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)
