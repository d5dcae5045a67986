from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase

STEP_REFUSED = "only its business step"


@tagged("post_install", "-at_install")
class TestAccessoriesClerk(VisitCase):
    """The accessories clerk keeps the accessories in the parts store and sells them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="store_accessories", name="陈精品",
                                  groups="aftersales_accessories.group_accessories_clerk")
        cls.parts_clerk = new_test_user(cls.env, login="store_counter", name="李库管",
                                        groups="aftersales_parts.group_parts_clerk")

    def _on_hand(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    def test_rights(self):
        self.assertRights(self.clerk, {
            **RECEPTION_READER_RIGHTS,
            # A store role (Inventory user): the installation orders are work orders.
            "repair.order": "1111",
            "sale.order": "1110",
            "aftersales.stocktake": "1110", "aftersales.receipt.refusal": "1110",
            "aftersales.parts.sales.report": "1000",
            # Prepares the monthly accessories order to the group; the service manager approves it.
            "aftersales.replenishment": "1110",
        })

    def test_manager_holds_the_role(self):
        self.assertTrue(self.manager.has_group("aftersales_accessories.group_accessories_clerk"))
        self.assertFalse(self.parts_clerk.has_group("aftersales_accessories.group_accessories_clerk"))
        self.assertFalse(self.clerk.has_group("aftersales_parts.group_parts_clerk"))

    def test_sees_the_store_menus(self):
        visible = self.env["ir.ui.menu"].with_user(self.clerk)._visible_menu_ids()
        for xmlid in ("aftersales_parts.menu_aftersales_parts", "aftersales_parts.menu_aftersales_stocktake",
                      "aftersales_parts.menu_aftersales_receipt_refusal",
                      "aftersales_parts.menu_aftersales_parts_reporting",
                      "aftersales_accessories.menu_aftersales_accessory_sales"):
            self.assertIn(self.env.ref(xmlid).id, visible, xmlid)
        self.assertNotIn(self.env.ref("aftersales_accessories.menu_aftersales_counter_sales").id, visible)
        self.assertNotIn(self.env.ref("aftersales_parts.menu_aftersales_replenishment").id, visible)

    def test_cannot_approve_a_stocktake(self):
        stocktake = self.env["aftersales.stocktake"].with_user(self.clerk).create({
            "location_id": self.stock_location.id, "kind": "cycle", "product_ids": [Command.set(self.oil_filter.ids)],
        })
        stocktake.action_start_count()
        stocktake._record_count_differences({self.oil_filter.id: -1.0})
        stocktake.action_submit()
        with self.assertRaisesRegex(AccessError, "Only the service manager"):
            stocktake.with_user(self.clerk).action_approve()
        with self.assertRaisesRegex(AccessError, "Only the service manager"):
            stocktake.with_user(self.clerk).action_reject()
        self.assertEqual(stocktake.state, "to_approve")
        self.assertEqual(self._on_hand(self.oil_filter), 50, "nothing applied")
        stocktake.with_user(self.manager).action_reject()
        self.assertEqual(stocktake.state, "counting", "sent back for a recount")

    def test_checks_a_receipt(self):
        order = self.env["purchase.order"].create({
            "partner_id": self.manufacturer.id,
            "order_line": [Command.create({"product_id": self.oil_filter.id, "product_qty": 3, "price_unit": 25})],
        })
        order.button_confirm()
        action = order.picking_ids.with_user(self.clerk).action_open_receipt_check()
        self.assertEqual(action["res_model"], "aftersales.receipt.check")
        arch = self.env["stock.picking"].with_user(self.clerk).get_view(
            self.env.ref("stock.view_picking_form").id, "form")["arch"]
        self.assertIn('name="action_open_receipt_check"', arch, "the Check Receipt button is the clerk's too")

    def test_installation_order_linked_by_the_sale_only(self):
        check_in = self._check_in(41000, ["加装行车记录仪"])
        check_in.action_create_work_order()
        sale = self.env["sale.order"].with_user(self.clerk).create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "accessory",
        })
        for user in (self.clerk, self.env.ref("base.user_root")):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, STEP_REFUSED):
                sale.with_user(user).installation_repair_id = check_in.repair_id
        self.assertFalse(sale.installation_repair_id)

    def test_counter_sale_is_a_way_out_of_the_store(self):
        # A plain delivery by an after-sales role is refused ...
        customers = self.env.ref("stock.stock_location_customers")
        picking = self.env["stock.picking"].with_user(self.parts_clerk).create({
            "picking_type_id": self.stock_location.warehouse_id.out_type_id.id,
            "partner_id": self.customer.id,
            "location_id": self.stock_location.id,
            "location_dest_id": customers.id,
            "move_ids": [Command.create({
                "product_id": self.brake_pads.id, "product_uom_qty": 2,
                "location_id": self.stock_location.id, "location_dest_id": customers.id,
            })],
        })
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "only against a work order .* or a counter sale"):
            picking.button_validate()
        self.assertEqual(self._on_hand(self.brake_pads), 50)
        # ... the counter sale's delivery is validated like any transfer.
        sale = self.env["sale.order"].with_user(self.parts_clerk).create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "counter",
            "order_line": [Command.create({"product_id": self.brake_pads.id, "product_uom_qty": 2})],
        })
        sale.action_confirm()
        sale.picking_ids.move_ids.picked = True
        sale.picking_ids.button_validate()
        self.assertEqual(sale.picking_ids.state, "done")
        self.assertEqual(self._on_hand(self.brake_pads), 48)
        # An ordinary quotation is no way out.
        other = self.env["sale.order"].with_user(self.parts_clerk).create({
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.brake_pads.id, "product_uom_qty": 1})],
        })
        other.action_confirm()
        other.picking_ids.move_ids.picked = True
        with self.assertRaisesRegex(UserError, "leave the store only against"):
            other.picking_ids.button_validate()
        self.assertEqual(self._on_hand(self.brake_pads), 48)

    def test_installation_hours_on_the_product_form(self):
        form = Form(self.env["product.template"], view="aftersales_parts.product_template_form_view_aftersales_parts")
        form.name = "晴雨挡 Window visors"
        form.installation_hours = 0.5
        self.assertEqual(form.save().installation_hours, 0.5)
