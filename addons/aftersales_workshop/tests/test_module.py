from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_builds_on_reception_only_upwards(self):
        Module = self.env["ir.module.module"]
        this = Module.search([("name", "=", "aftersales_workshop")])
        reception = Module.search([("name", "=", "aftersales_reception")])
        self.assertEqual(this.state, "installed")
        self.assertIn("aftersales_reception", this.dependencies_id.mapped("name"))
        self.assertNotIn("aftersales_workshop", reception.dependencies_id.mapped("name"))

    def test_roles_come_from_reception(self):
        # The area's roles are defined once, in the base module, for every module to share.
        self.assertEqual(self.env.ref("aftersales_reception.group_workshop_foreman")._name, "res.groups")
