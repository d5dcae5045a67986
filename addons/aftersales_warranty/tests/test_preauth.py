from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import WarrantyCase

STEP_REFUSAL = "business step"


@tagged("post_install", "-at_install")
class TestWarrantyPreauthorisation(WarrantyCase):
    """预授权: a doubtful or costly warranty job waits for the manufacturer before work starts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.aftersales_preauth_threshold = 1000.0

    def _pump_and_brakes(self):
        """Approved: a warranty water pump (2 h at 200 + the pump at its 1 000 warranty price) and warranty
        brakes (1 h at 200)."""
        order = self._warranty_order([("水泵漏水", "warranty", 2.0), ("刹车异响", "warranty", 1.0)],
                                     parts=[(0, self.water_pump, 1)])
        pump, brakes = order.job_ids.sorted("id")
        pump.fault_category_id = self.fault_cooling
        order.action_repair_start()
        return order, pump, brakes

    def _answer(self, preauth, user, **values):
        wizard = Form(self.env["aftersales.preauth.decision.wizard"].with_user(user).with_context(
            default_preauth_id=preauth.id))
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save().action_confirm()

    def test_amount_above_the_threshold_waits_for_the_authorisation(self):
        order, pump, brakes = self._pump_and_brakes()
        self.assertEqual((pump.amount_total, brakes.amount_total), (1400.0, 200.0))
        self.assertEqual((pump.preauth_state, brakes.preauth_state), ("missing", "not_required"))
        self.assertTrue(order.preauth_to_ask)
        with self.assertRaisesRegex(UserError, "ask the manufacturer's pre-authorisation first"):
            pump.with_user(self.foreman)._clock_start(self.technician)
        with self.assertRaisesRegex(UserError, "ask the manufacturer's pre-authorisation first"):
            pump.with_user(self.advisor).action_mark_done()
        self.assertFalse(pump.clock_ids)
        self.assertEqual(pump.state, "approved")
        # The brakes are below the threshold: worked on at once.
        self._clock(brakes, 1.0)
        brakes.with_user(self.advisor).action_mark_done()
        self.assertEqual(brakes.state, "done")

        # The warranty clerk asks from the work order: one request, for the pump only, at its estimate.
        action = order.with_user(self.clerk).action_request_preauth()
        preauth = self.env["aftersales.warranty.preauth"].browse(action["res_id"])
        self.assertRecordValues(preauth, [{
            "state": "draft", "repair_id": order.id, "job_ids": pump.ids, "manufacturer_id": self.manufacturer.id,
            "mileage": 41000.0, "amount_estimated": 1400.0,
        }])
        self.assertTrue(preauth.name.startswith("YS"))
        preauth.with_user(self.clerk).action_request()
        self.assertEqual((preauth.state, preauth.requested_by_id), ("requested", self.clerk))
        self.assertEqual(pump.preauth_state, "pending")
        with self.assertRaisesRegex(UserError, "has not answered"):
            pump.with_user(self.foreman)._clock_start(self.technician)
        with self.assertRaisesRegex(UserError, "already asked or granted"):
            pump.with_user(self.clerk).action_request_preauth()

        self._answer(preauth, self.clerk, authorisation_number=" FAW-YS-2026-0088 ", amount_authorised=1300.0)
        self.assertRecordValues(preauth, [{
            "state": "authorised", "authorisation_number": "FAW-YS-2026-0088", "amount_authorised": 1300.0,
        }])
        self.assertTrue(preauth.decision_date)
        self.assertEqual(pump.preauth_state, "authorised")
        self.assertFalse(order.preauth_to_ask)
        self._clock(pump, 2.0)
        pump.with_user(self.advisor).action_mark_done()
        self.assertEqual(pump.state, "done")
        self.assertEqual(pump.preauth_state, "not_required", "a finished job waits for nothing")

    def test_doubtful_case_refused_by_the_manufacturer(self):
        self.company.aftersales_preauth_threshold = 0.0
        order, _pump, brakes = self._pump_and_brakes()
        self.assertEqual(brakes.preauth_state, "not_required", "no threshold: only doubtful cases are asked")
        # The technician the job is dispatched to doubts the brakes are a warranty case.
        self._dispatch(brakes, self.technician)
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            brakes.with_user(self.advisor).write({"warranty_doubtful": True})
        brakes.with_user(self.technician).action_flag_doubtful()
        self.assertTrue(brakes.warranty_doubtful)
        self.assertEqual(brakes.preauth_state, "missing")

        preauth = self.env["aftersales.warranty.preauth"].with_user(self.clerk)._create_for_jobs(brakes)
        self.assertEqual(preauth.amount_estimated, 200.0)
        preauth.write({"reason": "刹车异响,疑似驾驶习惯导致刹车片异常磨损"})
        preauth.action_request()
        # Bad answers change nothing.
        with self.assertRaisesRegex(UserError, "reason for refusing"):
            preauth.with_user(self.clerk)._record_refusal("  ")
        with self.assertRaisesRegex(UserError, "authorisation number"):
            preauth.with_user(self.clerk)._record_authorisation("", 200.0)
        self.assertEqual(preauth.state, "requested")
        # Only the warranty clerk records the manufacturer's answer.
        with self.assertRaises(AccessError):
            preauth.with_user(self.advisor)._record_refusal("不属于质量问题")
        self.assertEqual(preauth.state, "requested")

        self._answer(preauth, self.clerk, decision="refused", refusal_reason="刹车片属易损件,不属于质量问题")
        self.assertRecordValues(preauth, [{"state": "refused", "refusal_reason": "刹车片属易损件,不属于质量问题",
                                           "authorisation_number": False, "amount_authorised": 0.0}])
        self.assertEqual(brakes.preauth_state, "refused")
        self.assertTrue(order.preauth_to_ask, "a refused case may be asked again with more evidence")
        with self.assertRaisesRegex(UserError, "refused the pre-authorisation"):
            brakes.with_user(self.technician)._clock_start()
        with self.assertRaisesRegex(UserError, "waits for no answer"):
            preauth.with_user(self.clerk)._record_authorisation("FAW-1", 200.0)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            preauth.with_user(self.clerk).write({"amount_estimated": 150.0})
        with self.assertRaisesRegex(UserError, "claim archive"):
            preauth.with_user(self.manager).unlink()

        # The customer pays instead: no pre-authorisation is needed for the job any more.
        brakes.with_user(self.advisor).payer = "customer"
        self.assertEqual(brakes.preauth_state, "not_required")
        brakes.with_user(self.technician)._clock_start()
        self.assertTrue(brakes.clock_ids)

    def test_states_only_through_the_steps(self):
        order, pump, _brakes = self._pump_and_brakes()
        preauth = self.env["aftersales.warranty.preauth"].with_user(self.clerk)._create_for_jobs(pump)
        for values in ({"state": "authorised"}, {"authorisation_number": "X1"}, {"amount_authorised": 1400.0},
                       {"decision_date": "2026-01-05 10:00:00"}, {"refusal_reason": "x"}):
            for user in (self.clerk, self.manager):
                with self.subTest(values=values, user=user.login), self.assertRaisesRegex(UserError, STEP_REFUSAL):
                    preauth.with_user(user).write(values)
            with self.assertRaisesRegex(UserError, STEP_REFUSAL):
                preauth.sudo().write(values)  # sudo: the superuser is refused too
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            self.env["aftersales.warranty.preauth"].with_user(self.clerk).create({
                "repair_id": order.id, "manufacturer_id": self.manufacturer.id, "state": "authorised",
            })
        self.assertEqual((preauth.state, preauth.authorisation_number), ("draft", False))
        # The customer's jobs never need the manufacturer.
        customer_order = self._warranty_order([("保养", "customer", 1.0)])
        with self.assertRaisesRegex(UserError, "Only the warranty jobs"):
            self.env["aftersales.warranty.preauth"].with_user(self.clerk)._create_for_jobs(customer_order.job_ids)
        # Sent twice at once: the second is refused.
        preauth.write({"reason": "水泵异响"})
        preauth.with_user(self.clerk).action_request()
        with self.assertRaisesRegex(UserError, "already sent"):
            preauth.with_user(self.clerk).action_request()
        self.assertEqual(preauth.state, "requested")

    def test_request_form_prints(self):
        _order, pump, _brakes = self._pump_and_brakes()
        preauth = self.env["aftersales.warranty.preauth"].with_user(self.clerk)._create_for_jobs(pump)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_warranty.action_report_warranty_preauth", preauth.ids)[0].decode()
        self.assertIn("Warranty Pre-authorisation Request", html)
        self.assertIn(preauth.name, html)
        self.assertIn(self.vehicle.vin_sn, html)
