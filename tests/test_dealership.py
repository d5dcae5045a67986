"""Cross-module scenarios: the whole addon set installed with the demo dealership."""

from odoo.tests import TransactionCase, new_test_user, tagged

AFTERSALES_MODULES = (
    "aftersales_reception", "aftersales_workshop", "aftersales_parts", "aftersales_accessories", "aftersales_followup",
)
ROLE_LOGINS = {
    "as_manager": "aftersales_reception.group_service_manager",
    "as_advisor": "aftersales_reception.group_service_advisor",
    "as_foreman": "aftersales_workshop.group_workshop_foreman",
    "as_technician": "aftersales_reception.group_workshop_technician",
    "as_qc": "aftersales_workshop.group_qc_inspector",
    "as_parts": "aftersales_parts.group_parts_clerk",
    "as_warranty": "aftersales_warranty.group_warranty_clerk",
    "as_insurance": "aftersales_insurance.group_insurance_clerk",
    "as_cashier": "aftersales_reception.group_cashier",
    "as_followup": "aftersales_followup.group_followup_agent",
    "as_accessories": "aftersales_accessories.group_accessories_clerk",
}


@tagged("post_install", "-at_install")
class TestDealership(TransactionCase):
    def test_module_graph(self):
        modules = self.env["ir.module.module"].search([("name", "in", AFTERSALES_MODULES)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        depends = {module.name: set(module.dependencies_id.mapped("name")) for module in modules}
        self.assertFalse(depends["aftersales_reception"] & set(AFTERSALES_MODULES), "reception is the base")
        def builds_on_reception(name):
            # Directly, or through another after-sales addon (accessories on the parts store).
            upper = depends[name] & set(depends)
            return "aftersales_reception" in depends[name] or any(map(builds_on_reception, upper))

        for name in AFTERSALES_MODULES[1:]:
            self.assertTrue(builds_on_reception(name), name)

    def test_demo_dealership_is_believable(self):
        Vehicle = self.env["fleet.vehicle"]
        customer_vehicles = Vehicle.search([("vehicle_usage", "=", "customer")])
        self.assertGreaterEqual(len(customer_vehicles.customer_id), 30)
        self.assertTrue(Vehicle.search_count([("vehicle_usage", "=", "dealer")]))
        for vehicle in customer_vehicles:
            vehicle._check_vin_format()  # raises on a demo VIN the rules would refuse
            self.assertGreaterEqual(len(vehicle.odometer_ids), 2, vehicle.display_name)
            self.assertTrue(vehicle.current_mileage, vehicle.display_name)
        self.assertTrue(customer_vehicles.odometer_ids.filtered("is_correction"), "a meter replacement is shown")
        self.assertGreater(sum(customer_vehicles.mapped("mileage_per_day")) / len(customer_vehicles), 10)

    def test_demo_users_hold_their_roles(self):
        users = self.env["res.users"].search([("login", "in", list(ROLE_LOGINS))])
        self.assertEqual(set(users.mapped("login")), set(ROLE_LOGINS))
        for user in users:
            self.assertTrue(user.has_group(ROLE_LOGINS[user.login]), user.login)
        technician = users.filtered(lambda user: user.login == "as_technician")
        self.assertFalse(technician.has_group("aftersales_reception.group_service_advisor"))

    def test_after_sales_menu_only_for_its_roles(self):
        root = self.env.ref("aftersales_reception.menu_aftersales_root")
        for login in ROLE_LOGINS:
            user = self.env["res.users"].search([("login", "=", login)])
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertIn(root.id, visible, login)
        employee = new_test_user(self.env, login="scenario_employee", groups="base.group_user")
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(employee)._visible_menu_ids())
