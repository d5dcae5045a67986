from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestModule(TransactionCase):
    def test_builds_on_the_parts_store(self):
        Module = self.env["ir.module.module"]
        this = Module.search([("name", "=", "aftersales_accessories")])
        parts = Module.search([("name", "=", "aftersales_parts")])
        self.assertEqual(this.state, "installed")
        self.assertEqual(set(this.dependencies_id.mapped("name")), {"aftersales_parts", "sale_stock"})
        # The store keeps parts for work orders; selling them is this addon's.
        self.assertFalse({"aftersales_accessories", "sale_stock"} & set(parts.dependencies_id.mapped("name")))

    def test_owns_the_accessories_role(self):
        clerk = self.env.ref("aftersales_accessories.group_accessories_clerk")
        self.assertEqual(clerk.privilege_id, self.env.ref("aftersales_accessories.privilege_aftersales_accessories"))
        after_sales = self.env.ref("aftersales_reception.module_category_aftersales")
        self.assertEqual(clerk.privilege_id.category_id, after_sales)
        self.assertIn(clerk, self.env.ref("aftersales_reception.group_service_manager").all_implied_ids)
        self.assertFalse(self.env.ref("aftersales_reception.group_accessories_clerk", raise_if_not_found=False))

    def test_sale_fields_are_this_addons(self):
        fields = self.env["ir.model.fields"].search([
            ("model", "=", "sale.order"),
            ("name", "in", ["aftersales_sale_kind", "aftersales_vehicle_id", "installation_payer",
                            "installation_date", "installation_hours", "installation_repair_id"]),
        ])
        self.assertEqual(len(fields), 6)
        for field in fields:
            self.assertEqual(field.modules, "aftersales_accessories", field.name)
        hours = self.env["ir.model.fields"]._get("product.template", "installation_hours")
        self.assertEqual(hours.modules, "aftersales_accessories")
