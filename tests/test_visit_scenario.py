"""A whole visit across the addons: appointment to gate pass, three payers settled."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestVisitScenario(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.insurance_clerk = new_test_user(cls.env, login="scenario_insurance",
                                            groups="aftersales_insurance.group_insurance_clerk", name="孙丽")
        cls.parts_clerk = new_test_user(cls.env, login="scenario_parts",
                                        groups="aftersales_parts.group_parts_clerk", name="陈库管")
        cls.foreman = new_test_user(cls.env, login="scenario_foreman",
                                    groups="aftersales_workshop.group_workshop_foreman", name="赵强")

    def test_whole_visit_with_three_payers(self):
        advisor = self.advisor
        # 1. Appointment, then check-in in one click.
        appointment = self.env["aftersales.appointment"].with_user(advisor).create({
            "vehicle_id": self.vehicle.id,
            "advisor_id": advisor.id,
            "start_date": fields.Datetime.now(),
            "source": "walk_in",
            "duration": 3.0,
            "requested_services": "做一万公里保养\n刹车有异响",
        })
        self.assertEqual(appointment.partner_id, self.customer)
        action = appointment.action_check_in()
        check_in = self.env["aftersales.check.in"].browse(action["res_id"])
        self.assertEqual(check_in.concern_ids.mapped("name"), ["做一万公里保养", "刹车有异响"],
                         "the requests of the booking are the check-in's first concerns")
        check_in.write({
            "odometer": 40210,
            "concern_ids": [Command.create({"name": "前保险杠被追尾撞坏", "sequence": 3})],
        })
        check_in._sign(signature=SIGNATURE, signed_by="王小明")
        self.assertEqual(self.vehicle.current_mileage, 40210)

        # 2. The work order: one job per concern, then payers and parts.
        check_in.with_user(advisor).action_create_work_order()
        order = check_in.repair_id.with_user(advisor)
        self.assertEqual(order.vehicle_id, self.vehicle)
        service, brakes, bumper = order.job_ids.sorted("id")
        service.write({"labour_hours": 1.0})
        brakes.write({"labour_hours": 1.5, "payer": "warranty"})
        bumper.write({"labour_hours": 3.0, "payer": "insurance"})
        self._add_part(order, service, self.oil_filter, 1)
        self._add_part(order, service, self.engine_oil, 4)
        self._add_part(order, brakes, self.brake_pads, 1)
        self._add_part(order, bumper, self.bumper, 1)
        self.assertEqual(brakes.labour_rate, 200.0, "warranty jobs use the manufacturer's labour rate")
        self.assertEqual(service.amount_total, 300.0 + 58.0 + 4 * 80.0)

        # The insurance clerk opens the case; the insurer's assessor agrees the damage at the dealer's price.
        case = self.env["aftersales.insurance.case"].with_user(self.insurance_clerk).create({
            "repair_id": order.id, "insurer_id": self.insurer.id, "claim_number": "PA2026-0001",
            "policy_number": "PDAA2026330100009",
            "excess_amount": 0.0,
        })
        case.action_start_assessment()
        case.action_new_assessment()
        assessment = case.assessment_ids
        assessment.action_submit()
        assessment.action_agree()
        self.assertEqual(case.state, "assessed")
        case.document_ids.write({"is_received": True})

        # 3. Approval only after the five confirmations.
        with self.assertRaisesRegex(UserError, "promised time"):
            order._record_approval("in_person", "王小明", signature=SIGNATURE)
        self._confirm_five(order)
        order._record_approval("in_person", "王小明", signature=SIGNATURE)
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(set(order.approval_ids.mapped("payer")), {"customer", "warranty", "insurance"})
        self.assertEqual(order.approval_state, "approved")

        # 4. Additional work during the repair: one approved, one declined.
        order.action_repair_start()
        promised = order.promised_date
        pump, wipers = self.env["aftersales.job"].create([
            {"repair_id": order.id, "name": "水泵渗漏，更换水泵", "labour_hours": 2.0, "is_additional": True,
             "additional_reason": "水泵渗漏，继续使用会导致发动机过热", "added_hours": 2.0},
            {"repair_id": order.id, "name": "更换雨刮片", "labour_hours": 0.2, "is_additional": True,
             "additional_reason": "雨刮片老化"},
        ])
        self._add_part(order, pump, self.water_pump, 1)
        wizard = self.env["aftersales.job.decision.wizard"].with_user(advisor).create({
            "repair_id": order.id, "job_ids": [Command.set(pump.ids)], "decision": "approved",
            "channel": "phone", "workshop_informed_user_id": self.foreman.id, "approved_by": "王小明",
        })
        wizard.action_record()
        self.assertEqual(pump.state, "approved")
        self.assertEqual(order.promised_date, promised + timedelta(hours=2), "the added time moves the promise")
        self.assertEqual(pump.workshop_informed_user_id, self.foreman)
        wipers.with_user(advisor)._record_decision(False, "phone", workshop_informed_user=self.foreman,
                                                   decline_reason="下次再换")
        self.assertEqual(wipers.state, "declined")

        # 5. Jobs done, repair ended: the car is ready.
        with self.assertRaisesRegex(UserError, "Finish or decide"):
            order.action_repair_end()
        (service | brakes | bumper | pump).action_mark_done()
        self._end_repair(order)
        self.assertEqual(order.state, "done")
        self.assertIn("replaced parts", order.delivery_blockers)

        # The old brake pads of the warranty job are retained for the manufacturer's claim.
        order.with_user(self.parts_clerk).action_record_replaced_parts()
        order.replaced_part_ids.with_user(self.parts_clerk).action_process()
        self.assertEqual(set(order.replaced_part_ids.mapped("disposition")), {"customer", "warranty"})
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

        # 6. Delivery: mileage out, next service.
        wizard = self.env["aftersales.delivery.wizard"].with_user(advisor).create({"repair_id": order.id})
        self.assertEqual(wizard.mileage_out, 40210)
        wizard.mileage_out = 40215
        wizard.check_line_ids.is_done = True  # the advisor's final check, item by item
        wizard.action_deliver()
        self.assertEqual(self.vehicle.current_mileage, 40215)
        self.assertEqual(order.next_service_mileage, 45215)

        # 7. Settlement: one invoice per external payer; totals equal the order's shares.
        order.with_user(self.cashier).action_settle()
        invoices = order.with_user(self.cashier).aftersales_invoice_ids
        self.assertEqual(len(invoices), 3)
        for payer, partner in (("customer", self.customer), ("warranty", self.manufacturer),
                               ("insurance", self.insurer)):
            invoice = invoices.filtered(lambda move, p=payer: move.aftersales_payer == p)
            self.assertEqual(invoice.partner_id, partner)
            self.assertEqual(invoice.state, "posted")
            self.assertAlmostEqual(invoice.amount_total, order[f"amount_{payer}"], places=2)
            self.assertEqual(set(invoice.invoice_line_ids.mapped("vehicle_id")), {self.vehicle})
            self.assertEqual(set(invoice.invoice_line_ids.mapped("aftersales_repair_id")), {order})
        self.assertAlmostEqual(order.amount_customer, 300 + 58 + 320 + 2 * 300 + 1450, places=2)
        self.assertAlmostEqual(order.amount_warranty, 1.5 * 200 + 620, places=2)
        self.assertAlmostEqual(order.amount_insurance, 3 * 280 + 2300, places=2)

        # 8. Nothing settled can change; the gate pass waits for the customer's payment.
        with self.assertRaisesRegex(UserError, "settled"):
            service.with_user(advisor).labour_hours = 0.5
        with self.assertRaisesRegex(UserError, "settled"):
            order.with_user(advisor).promised_date = fields.Datetime.now()
        with self.assertRaisesRegex(UserError, "not paid"):
            order.with_user(self.cashier).action_issue_gate_pass()
        customer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=customer_invoice.ids
        ).create({})._create_payments()
        self.assertTrue(order.is_customer_paid)
        order.with_user(self.cashier).action_issue_gate_pass()
        self.assertTrue(order.is_closed)

        # 9. Next visit: the declined job is waiting at check-in.
        next_check_in = self._check_in(46000, ["年检前检查"])
        self.assertIn(wipers, next_check_in.recommendation_ids)
        self.assertIn(order, next_check_in.last_repair_ids)
