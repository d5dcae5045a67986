from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import WarrantyCase

STEP_REFUSAL = "business step"


@tagged("post_install", "-at_install")
class TestWarrantySteps(WarrantyCase):
    """Claims, campaigns and recall lines change state only through their steps; the technician writes the
    cause and correction of his own job; the warranty part is recorded before the car leaves."""

    def _claim(self, order):
        return self.env["aftersales.warranty.claim"].with_user(self.clerk)._create_from_orders(order)

    # ------------------------------------------------------------------
    # Step fields
    # ------------------------------------------------------------------

    def test_claim_decision_only_through_its_steps(self):
        claim = self._claim(self._pump_order(settle=False))
        line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        for values in ({"state": "approved"}, {"submitted_date": "2026-01-05"}, {"decision_date": "2026-01-05"},
                       {"is_overdue": True}, {"rebill_customer": True}, {"rebill_approved_by_id": self.manager.id},
                       {"resubmission_count": 3}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, STEP_REFUSAL):
                claim.write(values)
        for user in (self.clerk, self.manager, self.env.ref("base.user_root")):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, STEP_REFUSAL):
                line.with_user(user).write({"approved_amount": 1000.0})
        self.assertEqual((claim.state, claim.submitted_date, claim.is_overdue), ("draft", False, False))
        self.assertEqual((line.approved_amount, claim.amount_approved), (0.0, 0.0))
        # Through the clerk's steps: submitted, then the manufacturer approves 600 of the 1 000 pump.
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        self.assertTrue(claim.submitted_date)
        claim._record_decision("partly_approved", reason=self.env.ref("aftersales_warranty.reason_part_not_causal"),
                               approved_amounts={line: 600.0})
        self.assertEqual((claim.state, line.approved_amount), ("partly_approved", 600.0))
        self.assertEqual((claim.amount_claimed, claim.amount_approved, claim.amount_rejected), (1600.0, 1200.0, 400.0))
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            line.sudo().write({"approved_amount": 1000.0})  # sudo: the superuser is refused too
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            claim.sudo().write({"state": "paid"})  # sudo: the superuser is refused too
        self.assertEqual((line.approved_amount, claim.amount_approved, claim.state), (600.0, 1200.0, "partly_approved"))

    def test_claim_not_created_in_a_later_state(self):
        order = self._pump_order(settle=False)
        Claim = self.env["aftersales.warranty.claim"].with_user(self.clerk)
        values = {"repair_id": order.id, "manufacturer_id": self.manufacturer.id}
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            Claim.create({**values, "state": "approved"})
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            Claim.with_context(default_state="paid").create(values)
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            Claim.create({**values, "job_ids": [(6, 0, order.job_ids.ids)]})
        self.assertFalse(Claim.search([("repair_id", "=", order.id)]))

    def test_recall_states_only_through_their_steps(self):
        campaign = self.env["aftersales.recall.campaign"].with_user(self.clerk).create({
            "name": "水泵密封召回", "reference": "19R9", "brand_id": self.brand.id,
            "operation_id": self.pump_operation.id,
            "line_ids": [(0, 0, {"vin": self.vehicle.vin_sn})],
        })
        line = campaign.line_ids
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            campaign.write({"state": "open"})
        self.assertEqual(campaign.state, "draft")
        campaign.action_open()
        self.assertEqual(campaign.state, "open")
        advisor_line = line.with_user(self.advisor)
        for values in ({"state": "done_elsewhere"}, {"done_date": "2026-01-05"}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, STEP_REFUSAL):
                advisor_line.write(values)
        self.assertEqual((line.state, line.done_date), ("open", False))
        advisor_line.action_done_elsewhere()
        self.assertEqual(line.state, "done_elsewhere")
        self.assertTrue(line.done_date)
        self.assertEqual(campaign.completion_rate, 100.0)
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            campaign.write({"state": "closed"})
        campaign.action_close()
        self.assertEqual(campaign.state, "closed")

    # ------------------------------------------------------------------
    # The technician's cause and correction
    # ------------------------------------------------------------------

    def test_technician_writes_cause_and_correction_of_his_job(self):
        order = self._warranty_order([("水泵漏水", "warranty", 2.0)], parts=[(0, self.water_pump, 1)])
        job = order.job_ids
        job.with_user(self.foreman)._assign_technicians(self.technician)
        stranger = new_test_user(self.env, login="wty_tech_other", name="周勇",
                                 groups="aftersales_reception.group_workshop_technician")
        # The job itself stays the advisors' and the foreman's: no other field for the technician.
        with self.assertRaises(AccessError):
            job.with_user(self.technician).write({"cause": "轴封失效"})
        with self.assertRaises(AccessError):
            job.with_user(self.technician).write({"labour_hours": 5.0})
        action = job.with_user(self.technician).action_open_diagnosis_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.technician).with_context(**action["context"])
        with Form(Wizard) as wizard:
            self.assertEqual(wizard.cause, "密封件老化", "the wizard starts from what the job says")
            wizard.cause = "水泵轴封失效，冷却液渗漏"
            wizard.correction = "更换水泵总成，加注冷却液"
        wizard.record.action_confirm()
        self.assertEqual((job.cause, job.correction), ("水泵轴封失效，冷却液渗漏", "更换水泵总成，加注冷却液"))
        self.assertEqual(job.labour_hours, 2.0)
        # A technician the job is not dispatched to writes nothing on it.
        with self.assertRaisesRegex(AccessError, "not assigned"):
            job.with_user(stranger).action_open_diagnosis_wizard()
        wizard = self.env["aftersales.job.diagnosis.wizard"].with_user(stranger).create({
            "job_id": job.id, "cause": "别人写的", "correction": "别人写的",
        })
        with self.assertRaisesRegex(AccessError, "not assigned"):
            wizard.action_confirm()
        self.assertEqual(job.cause, "水泵轴封失效，冷却液渗漏")
        # The claim tells the manufacturer the technician's words.
        self._finish(order)
        claim = self._claim(order)
        self.assertEqual((claim.cause, claim.correction), ("水泵轴封失效，冷却液渗漏", "更换水泵总成，加注冷却液"))

    # ------------------------------------------------------------------
    # The warranty part stays
    # ------------------------------------------------------------------

    def test_delivery_waits_for_the_warranty_part_record(self):
        order = self._warranty_order(
            [("保养", "customer", 1.0), ("水泵漏水", "warranty", 2.0)],
            parts=[(0, self.oil_filter, 1), (1, self.water_pump, 1)],
        )
        self._finish(order)
        order = order.with_user(self.advisor)
        self.assertFalse(order.replaced_part_ids)
        self.assertFalse(order.is_ready_for_delivery)
        self.assertIn("replaced parts of the warranty jobs are not recorded", order.delivery_blockers)
        self.assertIn(self.water_pump.display_name, order.delivery_blockers)
        self.assertNotIn(self.oil_filter.display_name, order.delivery_blockers, "the customer's part is no claim's")
        with self.assertRaisesRegex(UserError, "not recorded"):
            order._record_delivery(41050, False, False)
        self.assertFalse(order.delivery_date)
        order.action_record_replaced_parts()
        # Read again without invalidating anything: the blocker follows the new records.
        self.assertNotIn("warranty jobs are not recorded", order.delivery_blockers or "")
        pump = order.replaced_part_ids.filtered(lambda part: part.product_id == self.water_pump)
        self.assertEqual((pump.disposition, pump.quantity, pump.job_id.payer), ("warranty", 1.0, "warranty"))
        parts_clerk = new_test_user(self.env, login="steps_parts", groups="aftersales_parts.group_parts_clerk")
        order.replaced_part_ids.with_user(parts_clerk).action_process()
        self.assertEqual(pump.state, "retained")
        # Read again without invalidating: the store's blocker depends on the parts' state.
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)
        order._record_delivery(41050, False, False)
        self.assertTrue(order.delivery_date)
