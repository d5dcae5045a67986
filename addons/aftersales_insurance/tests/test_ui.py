from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import use_chinese


@tagged("post_install", "-at_install")
class TestInsuranceTour(HttpCase):
    def test_clerk_records_assessment(self):
        clerk = new_test_user(self.env, login="tour_insurance", groups="aftersales_insurance.group_insurance_clerk")
        use_chinese(self.env, clerk)
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors 9"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour Coupe", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "沙和尚"})
        insurer = self.env["res.partner"].create({"name": "中国人保杭州分公司", "is_company": True})
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
            "license_plate": "浙A·TOUR9",
        })
        order = self.env["repair.order"].create({
            "vehicle_id": vehicle.id, "partner_id": customer.id,
        })
        job = self.env["aftersales.job"].create({
            "repair_id": order.id, "name": "右后门钣金喷漆", "payer": "insurance", "labour_hours": 2.0,
            "labour_rate": 280.0,
        })
        job._record_decision(True, "phone", workshop_informed_user=self.env.user)
        case = self.env["aftersales.insurance.case"].with_user(clerk).create({
            "repair_id": order.id, "insurer_id": insurer.id, "claim_number": "RDZA2026TOUR",
        })
        self.start_tour("/odoo/action-aftersales_insurance.aftersales_insurance_case_action?view_type=list",
                        "aftersales_insurance_case", login="tour_insurance")
        self.assertEqual(case.policy_number, "PDAA2026TOUR")
        self.assertEqual(case.state, "assessed")
        self.assertAlmostEqual(case.amount_assessed, 400.0, places=2)
        self.assertAlmostEqual(case.amount_insurer, 200.0, places=2)
        self.assertAlmostEqual(order.amount_insurance, 200.0, places=2)
