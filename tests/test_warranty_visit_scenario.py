"""A warranty visit across the addons: recall and coverage at check-in, parts issued by the store,
the replaced part retained, the claim to the manufacturer paid, the old part sent back."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE
from odoo.addons.aftersales_warranty.tests.common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWarrantyVisitScenario(WarrantyCase):
    def _on_hand(self, product, location=None):
        return product.with_context(location=(location or self.stock_location).id).qty_available

    def test_warranty_visit_from_recall_to_paid_claim(self):
        # 1. The manufacturer's recall names this car.
        campaign = self.env["aftersales.recall.campaign"].create({
            "name": "水泵密封召回", "reference": "19R1", "brand_id": self.brand.id,
            "operation_id": self.pump_operation.id,
        })
        self.env["aftersales.recall.line"].load(["campaign_id/.id", "vin"],
                                                [[str(campaign.id), self.vehicle.vin_sn]])
        campaign.action_open()

        # 2. Check-in: covered, the recall is shown and becomes a warranty job of the order.
        check_in = self._check_in(41000, ["刹车异响"])
        self.assertEqual(check_in.open_recall_count, 1)
        check_in.action_create_work_order()
        order = check_in.repair_id.with_env(self.env)
        brakes = order.job_ids.filtered(lambda job: not job.recall_line_id)
        recall_job = order.job_ids.filtered("recall_line_id")
        self.assertEqual(recall_job.payer, "warranty")
        recall_job.write({"fault_category_id": self.fault_cooling.id, "cause": "水泵密封件批次缺陷",
                          "correction": "更换水泵", "causal_part_id": self.water_pump.id})
        self.assertEqual(recall_job.warranty_state, "covered", recall_job.warranty_note)
        brakes.labour_hours = 1.0
        self._add_part(order, recall_job, self.water_pump, 1)
        self._add_part(order, brakes, self.brake_pads, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明", signature=SIGNATURE)

        # 3. The store issues the parts against the order: they leave the shelves at once.
        note = order._create_parts_note("issue")
        note.with_user(self.technician)._technician_sign(SIGNATURE)
        note.action_validate()
        self.assertEqual(self._on_hand(self.water_pump), 49)
        self.assertEqual(self._on_hand(self.brake_pads), 49)

        # 4. Work clocked, checked, finished; the old pump is retained for the manufacturer.
        self._finish(order)
        self.assertEqual(order.state, "done")
        order.action_record_replaced_parts()
        old_pump = order.replaced_part_ids.filtered(lambda part: part.product_id == self.water_pump)
        self.assertEqual(old_pump.disposition, "warranty")
        order.replaced_part_ids.action_process()
        retained_location = self.company.aftersales_retained_location_id
        self.assertEqual(self._on_hand(self.water_pump, retained_location), 1)
        self.assertEqual(campaign.line_ids.state, "done_here")

        # 5. Delivered and settled: the customer pays the brakes, the manufacturer the recall.
        self._deliver_and_settle(order)
        customer_invoice = order.sudo()._settlement_invoices("customer")
        manufacturer_invoice = order.sudo()._settlement_invoices("warranty")
        self.assertEqual(customer_invoice.amount_total, brakes.amount_total)
        self.assertEqual(manufacturer_invoice.amount_total, recall_job.amount_total)

        # 6. The claim carries only the warranty job and the retained pump; approved, then paid.
        claim = self.env["aftersales.warranty.claim"]._create_from_orders(order)
        self.assertEqual(claim.job_ids, recall_job)
        self.assertEqual(claim.retained_part_ids, old_pump)
        self.assertEqual(old_pump.tag, claim.name)
        claim.action_submit()
        claim._record_decision("approved")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=manufacturer_invoice.ids,
        ).create({"payment_date": fields.Date.today()})._create_payments()
        claim.action_sync_payment()
        self.assertEqual(claim.state, "paid")

        # 7. The manufacturer asks for the old pump: it leaves the retained-parts location.
        action = claim.action_return_parts()
        picking = self.env["stock.picking"].browse(action["res_id"])
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(old_pump.state, "returned")
        self.assertEqual(self._on_hand(self.water_pump, retained_location), 0)
        self.assertEqual(self.vehicle.open_recall_count, 0)
        self.assertFalse(order.move_ids.filtered(lambda move: move.state not in ("done", "cancel")),
                         "book, card and shelf agree: every part of the order is consumed")
