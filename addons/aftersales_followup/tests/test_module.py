from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_builds_on_reception_only_upwards(self):
        Module = self.env["ir.module.module"]
        this = Module.search([("name", "=", "aftersales_followup")])
        reception = Module.search([("name", "=", "aftersales_reception")])
        self.assertEqual(this.state, "installed")
        self.assertIn("aftersales_reception", this.dependencies_id.mapped("name"))
        self.assertNotIn("aftersales_followup", reception.dependencies_id.mapped("name"))

    def test_declares_its_roles_for_the_manager(self):
        # Each addon declares its roles under After-sales; the service manager includes them.
        role = self.env.ref("aftersales_followup.group_followup_agent")
        self.assertEqual(role.privilege_id.category_id, self.env.ref("aftersales_reception.module_category_aftersales"))
        self.assertIn(role, self.env.ref("aftersales_reception.group_service_manager").all_implied_ids)
