from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestReceiving(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="receiving_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="李库管")
        cls.damaged = cls.env.ref("aftersales_parts.refusal_reason_damaged")

    def _purchase(self, lines):
        order = self.env["purchase.order"].create({
            "partner_id": self.manufacturer.id,
            "order_line": [Command.create({"product_id": product.id, "product_qty": qty, "price_unit": price})
                           for product, qty, price in lines],
        })
        order.button_confirm()
        return order

    def _quantity(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    def test_refused_goods_returned_with_reason(self):
        order = self._purchase([(self.brake_pads, 10, 310.0), (self.oil_filter, 20, 25.0)])
        receipt = order.picking_ids
        action = receipt.with_user(self.clerk).action_open_receipt_check()
        form = Form(self.env["aftersales.receipt.check"].with_user(self.clerk).with_context(**action["context"]))
        with form.line_ids.edit(0) as line:
            self.assertEqual(line.product_id, self.brake_pads)
            line.refused_qty = 2
            line.reason_id = self.damaged
            line.note = "外包装破损，刹车片有裂纹"
        with form.line_ids.edit(1) as line:
            line.delivered_qty = 18
        form.save().action_confirm()

        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._quantity(self.brake_pads), 50 + 8, "only the accepted pads stay in the store")
        self.assertEqual(self._quantity(self.oil_filter), 50 + 18)
        refusal = receipt.aftersales_refusal_ids
        self.assertEqual(len(refusal), 1)
        self.assertRecordValues(refusal, [{
            "product_id": self.brake_pads.id, "quantity": 2.0, "reason_id": self.damaged.id, "kind": "quality",
            "purchase_id": order.id, "partner_id": self.manufacturer.id,
        }])
        returned = refusal.return_picking_id
        self.assertEqual(returned.state, "done")
        self.assertTrue(returned.picking_type_id.aftersales_quality_return, "quality returns are kept apart")
        self.assertEqual(returned.location_dest_id.usage, "supplier")
        self.assertEqual(returned.move_ids.quantity, 2)
        pads_line = order.order_line.filtered(lambda line: line.product_id == self.brake_pads)
        self.assertEqual(pads_line.aftersales_refused_qty, 2, "the purchase order shows what was refused")
        self.assertEqual(order.aftersales_refusal_count, 1)
        refused = self.env["aftersales.receipt.refusal"].search(order.action_view_aftersales_refusals()["domain"])
        self.assertEqual(refused, refusal)
        self.assertEqual(pads_line.qty_received, 8)
        backorder = order.picking_ids - receipt - returned
        self.assertEqual(backorder.move_ids.product_uom_qty, 2, "the missing filters are still expected")

    def test_refusal_needs_a_reason(self):
        order = self._purchase([(self.brake_pads, 4, 310.0)])
        check = self.env["aftersales.receipt.check"].with_user(self.clerk).create({"picking_id": order.picking_ids.id})
        check.line_ids.refused_qty = 1
        with self.assertRaisesRegex(UserError, "give the reason"):
            check.action_confirm()
        check.line_ids.write({"refused_qty": 5, "reason_id": self.damaged.id})
        with self.assertRaisesRegex(UserError, "more refused than delivered"):
            check.action_confirm()
        self.assertEqual(order.picking_ids.state, "assigned", "nothing was received")
        self.assertEqual(self._quantity(self.brake_pads), 50)

    def test_return_waits_for_pickup(self):
        order = self._purchase([(self.water_pump, 3, 800.0)])
        check = self.env["aftersales.receipt.check"].with_user(self.clerk).create({
            "picking_id": order.picking_ids.id, "return_now": False,
        })
        check.line_ids.write({"refused_qty": 1, "reason_id": self.env.ref("aftersales_parts.refusal_reason_defect").id})
        check.action_confirm()
        returned = order.picking_ids.aftersales_refusal_ids.return_picking_id
        self.assertEqual(returned.state, "assigned", "the refused pump is reserved for the vendor's pickup")
        self.assertEqual(self.water_pump.with_context(location=self.stock_location.id).free_qty, 52)
