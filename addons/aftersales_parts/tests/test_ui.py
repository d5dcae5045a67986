from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin, use_chinese
from odoo.addons.aftersales_reception.tests.common_visit import VisitStepsMixin


@tagged("post_install", "-at_install")
class TestPartsIssueTour(VisitStepsMixin, HttpCase):
    def test_clerk_issues_parts_signed_by_technician(self):
        clerk = new_test_user(self.env, login="tour_parts_clerk", name="陈丽",
                              groups="aftersales_parts.group_parts_clerk")
        technician = new_test_user(self.env, login="tour_parts_technician", name="刘伟",
                                   groups="aftersales_reception.group_workshop_technician")
        use_chinese(self.env, clerk, technician)
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors 4"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour Coupe", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "唐三藏"})
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
            "license_plate": "浙A·TOUR4", "vin_sn": make_vin("LTV9T0UR", "M3099004"),
        })
        oil = self.env["product.product"].create({
            "name": "机油 5W-40 Tour", "default_code": "TOUR-OIL", "type": "consu", "is_storable": True,
            "list_price": 80.0,
        })
        stock = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1).lot_stock_id
        self.env["stock.quant"]._update_available_quantity(oil, stock, 20)
        order = self.env["repair.order"].create({
            "vehicle_id": vehicle.id, "partner_id": customer.id,
            "job_ids": [Command.create({"name": "更换机油", "labour_hours": 0.5})],
        })
        self.env["stock.move"].create({
            "repair_id": order.id, "repair_line_type": "add", "product_id": oil.id, "product_uom_qty": 4,
            "aftersales_job_id": order.job_ids.id,
        })
        order.write({
            "confirm_jobs": True, "confirm_estimate": True, "promised_date": order.schedule_date,
            "confirm_promised_time": True, "replaced_parts_disposal": "customer_keeps", "car_wash": "no_wash",
        })
        order._record_approval("phone", "唐三藏")
        self._dispatch(order.job_ids, technician)
        self.start_tour(f"/odoo/action-repair.action_repair_order_tree/{order.id}", "aftersales_parts_issue",
                        login="tour_parts_clerk")
        note = order.parts_issue_ids
        self.assertFalse(note.signature, "the clerk cannot sign for the technician")
        note_url = f"/odoo/action-aftersales_parts.aftersales_parts_issue_action/{note.id}"
        self.start_tour(note_url, "aftersales_parts_issue_sign", login="tour_parts_technician")
        self.assertTrue(note.signature)
        self.assertEqual(note.technician_id, technician, "signed from the technician's own login")
        self.assertTrue(note.signed_date)
        self.start_tour(note_url, "aftersales_parts_issue_validate", login="tour_parts_clerk")
        self.assertEqual(note.state, "done")
        self.assertEqual(order.move_ids.state, "done")
        self.assertEqual(oil.with_context(location=stock.id).qty_available, 16)
