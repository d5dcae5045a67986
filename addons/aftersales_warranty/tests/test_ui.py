from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin, use_chinese


@tagged("post_install", "-at_install")
class TestWarrantyTour(HttpCase):
    def test_clerk_submits_and_records_the_approval(self):
        clerk = new_test_user(self.env, login="tour_warranty", name="钱芳",
                              groups="aftersales_warranty.group_warranty_clerk")
        use_chinese(self.env, clerk)
        self.env.company.aftersales_labour_rate_warranty = 200.0
        technician = new_test_user(self.env, login="tour_wty_tech", name="陈磊",
                                   groups="aftersales_reception.group_workshop_technician")
        # Chinese labour prices include VAT: what the manufacturer owes is what is claimed.
        self.env.ref("aftersales_reception.product_labour").taxes_id = self.env["account.tax"].create({
            "name": "增值税 13% (含税)", "amount": 13.0, "type_tax_use": "sale",
            "price_include_override": "tax_included", "company_id": self.env.company.id,
        })
        manufacturer = self.env["res.partner"].create({"name": "一汽-大众销售有限责任公司", "is_company": True})
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors W",
                                                              "warranty_partner_id": manufacturer.id})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour Sedan", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "唐三藏"})
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
            "license_plate": "浙A·TOURW", "vin_sn": make_vin("LTV9T0UR", "M3099777"),
        })
        order = self.env["repair.order"].create({
            "vehicle_id": vehicle.id, "partner_id": customer.id,
            "job_ids": [Command.create({"name": "水泵漏水", "labour_hours": 2.0, "payer": "warranty",
                                        "cause": "轴封失效", "correction": "更换水泵"})],
        })
        order.write({
            "confirm_jobs": True, "confirm_estimate": True, "promised_date": order.schedule_date,
            "confirm_promised_time": True, "replaced_parts_disposal": "dealer_disposes", "car_wash": "no_wash",
        })
        order._record_approval("phone", "唐三藏")
        order.action_repair_start()
        start = fields.Datetime.now() - timedelta(hours=3)
        order.job_ids._assign_technicians(technician)
        job = order.job_ids.with_user(technician)
        with freeze_time(start):
            job.action_clock_start()
        with freeze_time(start + timedelta(hours=2)):
            job._clock_pause("other_job")
        order.job_ids.action_mark_done()
        claim = self.env["aftersales.warranty.claim"]._create_from_orders(order)
        self.start_tour(f"/odoo/action-aftersales_warranty.aftersales_warranty_claim_action/{claim.id}",
                        "aftersales_warranty_claim_decision", login="tour_warranty")
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.manufacturer_ref, "FAW-TOUR-0001")
        self.assertEqual(claim.amount_receivable, claim.amount_claimed)
        self.assertEqual(claim.amount_claimed, 2.0 * claim.line_ids.price_unit)
        self.assertEqual(claim.amount_claimed, 400.0, "2 h at the warranty rate of 200")
