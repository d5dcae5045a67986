from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestClaimParts(WarrantyCase):
    def _retained_pump(self, order):
        pump_job = order.job_ids.filtered(lambda job: job.payer == "warranty" and job.move_ids)
        part = self.env["aftersales.replaced.part"].create({
            "repair_id": order.id, "job_id": pump_job.id, "product_id": self.water_pump.id,
            "quantity": 1, "disposition": "warranty",
        })
        part.action_process()
        return part

    def _retained_quantity(self):
        location = self.company._aftersales_retained_location()
        return self.env["stock.quant"]._get_available_quantity(self.water_pump, location)

    def _claim(self, order):
        return self.env["aftersales.warranty.claim"]._create_from_orders(order)

    def test_claim_parts_tagged_and_returned_by_transfer(self):
        order = self._pump_order(settle=False)
        part = self._retained_pump(order)
        self.assertEqual(part.state, "retained")
        self.assertEqual(self._retained_quantity(), 1)
        claim = self._claim(order)
        self.assertEqual(claim.retained_part_ids, part)
        self.assertEqual(part.tag, claim.name)
        claim.action_submit()
        action = claim.with_user(self.clerk).action_return_parts()
        picking = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(part.return_picking_id, picking)
        self.assertEqual((picking.partner_id, picking.picking_type_code), (self.manufacturer, "outgoing"))
        self.assertEqual(picking.location_id, self.company.aftersales_retained_location_id)
        self.assertEqual(picking.move_ids.product_id, self.water_pump)
        self.assertEqual(picking.state, "assigned")
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(part.state, "returned")
        self.assertEqual(self._retained_quantity(), 0)
        with self.assertRaisesRegex(UserError, "no retained part to return"):
            claim.action_return_parts()

    def test_released_parts_are_scrapped(self):
        order = self._pump_order(settle=False)
        part = self._retained_pump(order)
        claim = self._claim(order)
        claim.action_submit()
        claim.with_user(self.clerk).action_release_parts()
        self.assertEqual(part.state, "scrapped")
        self.assertEqual(part.scrap_id.state, "done")
        self.assertEqual(self._retained_quantity(), 0)
        scrap_location = part.scrap_id.scrap_location_id
        self.assertEqual(self.env["stock.quant"]._get_available_quantity(
            self.water_pump, scrap_location, allow_negative=True), 1)

    def test_part_retained_after_the_claim_joins_it(self):
        order = self._pump_order(settle=False)
        claim = self._claim(order)
        part = self._retained_pump(order)
        self.assertEqual(part.claim_id, claim)
        self.assertEqual(part.tag, claim.name)
        report = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_warranty.action_report_retained_part_tag", part.ids
        )[0].decode()
        self.assertIn(claim.name, report)
        self.assertIn(self.vehicle.vin_sn, report)

    def test_claim_form_prints(self):
        order = self._pump_order(settle=False)
        claim = self._claim(order)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_warranty.action_report_warranty_claim", claim.ids
        )[0].decode()
        self.assertIn(claim.name, html)
        self.assertIn("19-0100", html)
        self.assertIn("P0217", html)
