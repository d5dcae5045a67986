from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import AftersalesCase, access_rights, make_vin

# Reception's roles; every other addon tests what its own roles may do on reception's models.
ROLES = ("service_manager", "service_advisor", "workshop_technician", "cashier")

# What each role may do: read, write, create, unlink ("1" allowed, "0" refused).
EXPECTED_RIGHTS = {
    "fleet.vehicle": {
        "service_manager": "1111", "service_advisor": "1110",
        **{role: "1000" for role in ROLES if role not in ("service_manager", "service_advisor")},
    },
    "fleet.vehicle.odometer": {
        "service_manager": "1111", "service_advisor": "1010",
        **{role: "1000" for role in ROLES if role not in ("service_manager", "service_advisor")},
    },
    "fleet.vehicle.model.brand": {
        "service_manager": "1111", **{role: "1000" for role in ROLES if role != "service_manager"},
    },
    "fleet.vehicle.model": {
        "service_manager": "1111", **{role: "1000" for role in ROLES if role != "service_manager"},
    },
    "aftersales.appointment": {
        "service_manager": "1111", "service_advisor": "1110",
        **{role: "1000" for role in ROLES if role not in ("service_manager", "service_advisor")},
    },
    "aftersales.check.in": {
        "service_manager": "1111", "service_advisor": "1110",
        **{role: "1000" for role in ROLES if role not in ("service_manager", "service_advisor")},
    },
    # Technicians propose the additional work they find (a rule limits what they create to that).
    "aftersales.job": {
        "service_manager": "1111", "service_advisor": "1111", "workshop_technician": "1010", "cashier": "1000",
    },
    "aftersales.approval": {
        "service_manager": "1111", "service_advisor": "1010",
        **{role: "1000" for role in ROLES if role not in ("service_manager", "service_advisor")},
    },
    # Advisors run work orders and parts (Inventory users).
    "repair.order": {
        "service_manager": "1111", "service_advisor": "1111",
        "workshop_technician": "1000", "cashier": "1000",
    },
    "res.partner": {
        "service_manager": "1111", "service_advisor": "1111", "cashier": "1111",
        "workshop_technician": "1000",
    },
}


@tagged("post_install", "-at_install")
class TestRoles(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            role: new_test_user(cls.env, login=f"test_{role}", groups=f"aftersales_reception.group_{role}")
            for role in ROLES
        }
        cls.vehicle = cls._create_vehicle(make_vin("LTV2A21K", "M3050001"))
        cls.env["fleet.vehicle.odometer"].create({"vehicle_id": cls.vehicle.id, "value": 100})

    def test_access_rights_per_role(self):
        for model, rights in EXPECTED_RIGHTS.items():
            self.assertEqual(set(rights), set(ROLES), f"every role has expected rights on {model}")
            for role, expected in rights.items():
                allowed = access_rights(self.env[model].with_user(self.users[role]))
                self.assertEqual(allowed, expected, f"{role} on {model} (read, write, create, unlink)")

    def test_manager_includes_every_role(self):
        manager = self.users["service_manager"]
        for role in ROLES:
            self.assertTrue(manager.has_group(f"aftersales_reception.group_{role}"), role)
        # Every addon files its roles under After-sales and links them into the manager.
        roles = self.env["res.groups"].search([
            ("privilege_id.category_id", "=", self.env.ref("aftersales_reception.module_category_aftersales").id),
        ])
        self.assertIn(self.env.ref("aftersales_reception.group_service_advisor"), roles)
        self.assertFalse(roles - manager.all_group_ids, "every after-sales role is the manager's")
        self.assertFalse(self.users["workshop_technician"].has_group("aftersales_reception.group_service_advisor"))
        self.assertFalse(self.users["service_advisor"].has_group("aftersales_reception.group_service_manager"))

    def test_advisor_registers_vehicle_and_mileage(self):
        advisor = self.users["service_advisor"]
        customer = self.env["res.partner"].with_user(advisor).create({"name": "赵六"})
        vehicle = self.env["fleet.vehicle"].with_user(advisor).create({
            "vehicle_usage": "customer",
            "customer_id": customer.id,
            "driver_id": customer.id,
            "model_id": self.car_model.id,
            "vin_sn": make_vin("LTV2A21K", "M3050002"),
        })
        self.env["fleet.vehicle.odometer"].with_user(advisor).create({"vehicle_id": vehicle.id, "value": 500})
        self.assertEqual(vehicle.current_mileage, 500)
        with self.assertRaises(AccessError):
            vehicle.with_user(advisor).unlink()
        with self.assertRaises(AccessError):
            vehicle.odometer_ids.with_user(advisor).write({"value": 50})

    def test_technician_reads_but_cannot_change(self):
        technician = self.users["workshop_technician"]
        vehicle = self.vehicle.with_user(technician)
        self.assertEqual(vehicle.vin_sn, self.vehicle.vin_sn)
        self.assertEqual(vehicle.current_mileage, 100)
        with self.assertRaises(AccessError):
            vehicle.write({"license_plate": "浙A·HACK1"})
        with self.assertRaises(AccessError):
            self.env["fleet.vehicle.odometer"].with_user(technician).create(
                {"vehicle_id": self.vehicle.id, "value": 200}
            )

    def test_user_without_role_sees_no_vehicle(self):
        employee = new_test_user(self.env, login="test_plain_employee", groups="base.group_user")
        self.assertFalse(self.env["fleet.vehicle"].with_user(employee).has_access("read"))


@tagged("post_install", "-at_install")
class TestMultiCompany(AftersalesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env.company
        # A dealer that keeps its customers to itself (sharing them is tested in test_integrity_security).
        cls.company_b = cls.env["res.company"].create({"name": "宁波东方4S店", "aftersales_share_customers": False})
        cls.vehicle_a = cls._create_vehicle(make_vin("LTV2A21K", "M3060001"))
        customer_b = cls.env["res.partner"].create({"name": "钱七", "company_id": cls.company_b.id})
        cls.vehicle_b = cls.env["fleet.vehicle"].with_company(cls.company_b).create({
            "vehicle_usage": "customer",
            "customer_id": customer_b.id,
            "model_id": cls.car_model.id,
            "vin_sn": make_vin("LTV2A21K", "M3060002"),
            "company_id": cls.company_b.id,
        })
        cls.env["fleet.vehicle.odometer"].create([
            {"vehicle_id": cls.vehicle_a.id, "value": 1000},
            {"vehicle_id": cls.vehicle_b.id, "value": 2000},
        ])
        cls.advisor_a = new_test_user(
            cls.env, login="test_advisor_a", groups="aftersales_reception.group_service_advisor",
            company_id=cls.company_a.id, company_ids=[cls.company_a.id],
        )
        cls.manager_ab = new_test_user(
            cls.env, login="test_manager_ab", groups="aftersales_reception.group_service_manager",
            company_id=cls.company_a.id, company_ids=[cls.company_a.id, cls.company_b.id],
        )

    def test_advisor_sees_only_own_company(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.advisor_a)
        found = Vehicle.search([("id", "in", (self.vehicle_a + self.vehicle_b).ids)])
        self.assertEqual(found, self.vehicle_a)
        readings = self.env["fleet.vehicle.odometer"].with_user(self.advisor_a).search(
            [("vehicle_id", "in", (self.vehicle_a + self.vehicle_b).ids)]
        )
        self.assertEqual(readings.vehicle_id, self.vehicle_a)
        with self.assertRaises(AccessError):
            self.vehicle_b.with_user(self.advisor_a).read(["vin_sn"])

    def test_manager_of_both_companies_sees_the_active_ones(self):
        Vehicle = self.env["fleet.vehicle"].with_user(self.manager_ab)
        ids = (self.vehicle_a + self.vehicle_b).ids
        only_a = Vehicle.with_context(allowed_company_ids=[self.company_a.id])
        self.assertEqual(only_a.search([("id", "in", ids)]), self.vehicle_a)
        both = Vehicle.with_context(allowed_company_ids=[self.company_a.id, self.company_b.id])
        self.assertEqual(both.search([("id", "in", ids)]), self.vehicle_a + self.vehicle_b)

    def test_visits_stay_in_their_company(self):
        CheckIn = self.env["aftersales.check.in"]
        check_in_b = CheckIn.with_company(self.company_b).create({
            "vehicle_id": self.vehicle_b.id, "odometer": 2100, "company_id": self.company_b.id,
            "concern_ids": [Command.create({"name": "异响"})],
        })
        check_in_a = CheckIn.create({"vehicle_id": self.vehicle_a.id, "odometer": 1100,
                                     "concern_ids": [Command.create({"name": "保养"})]})
        order_b = self.env["repair.order"].with_company(self.company_b).create({
            "vehicle_id": self.vehicle_b.id, "partner_id": self.vehicle_b.customer_id.id,
            "company_id": self.company_b.id, "job_ids": [Command.create({"name": "异响"})],
        })
        as_advisor = CheckIn.with_user(self.advisor_a)
        self.assertEqual(as_advisor.search([("id", "in", (check_in_a + check_in_b).ids)]), check_in_a)
        jobs_seen = self.env["aftersales.job"].with_user(self.advisor_a).search([("id", "in", order_b.job_ids.ids)])
        self.assertFalse(jobs_seen)
        self.assertFalse(self.env["repair.order"].with_user(self.advisor_a).search([("id", "=", order_b.id)]))
