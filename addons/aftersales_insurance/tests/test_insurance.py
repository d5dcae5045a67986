from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, warmup

from odoo.addons.aftersales_reception.tests.common import make_vin

from .common import InsuranceCaseCommon


@tagged("post_install", "-at_install")
class TestInsuranceCase(InsuranceCaseCommon):
    ASSESSED_PARTS = 19

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_insurer_and_customer_invoiced_their_shares(self):
        order = self._accident_order()
        # Labour 3 h x 280 = 840, bumper 2 300: the insurance jobs cost 3 140.
        self.assertAlmostEqual(order.amount_insurance, 3140.0, places=2)
        case = self._case(order)
        # The case alone names the insurer and the claim; the order shows them.
        self.assertEqual(order.insurance_insurer_id, self.insurer)
        self.assertEqual(order.insurance_claim_number, "RDAA2026330100001")
        case.with_user(self.clerk).action_start_assessment()
        # The assessor accepts 2.5 h of labour (700) and 2 100 for the bumper: 2 800.
        self._assess(case.with_user(self.clerk), [700.0, 2100.0])
        self.assertEqual(case.state, "assessed")
        self.assertAlmostEqual(case.amount_assessed, 2800.0, places=2)
        self.assertAlmostEqual(case.amount_above_assessment, 340.0, places=2)
        self.assertAlmostEqual(order.amount_insurance, 2500.0, places=2, msg="assessed 2 800 less the excess")
        self.assertAlmostEqual(order.amount_customer, 640.0, places=2, msg="excess 300 and 340 above the assessment")
        self.assertAlmostEqual(order.amount_total, 3140.0, places=2)
        self._repair(order)
        self.assertEqual(case.state, "completed")
        self.assertIn("has not agreed to pay it", order.delivery_blockers)
        case.with_user(self.clerk).extra_agreed = True
        self._receive(case, self.photos, self.bank_account)
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)
        order.with_user(self.cashier).action_settle()
        self.assertEqual(case.state, "settled")
        invoices = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        insurer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "insurance")
        customer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        self.assertEqual(insurer_invoice.partner_id, self.insurer)
        self.assertEqual(insurer_invoice.ref, "RDAA2026330100001 / PDAA2026330100009")
        self.assertAlmostEqual(insurer_invoice.amount_total, 2800.0 - 300.0, places=2)
        self.assertEqual(customer_invoice.partner_id, self.customer)
        self.assertAlmostEqual(customer_invoice.amount_total, 300.0 + 340.0, places=2)
        self.assertAlmostEqual(case.amount_invoiced_insurer, 2500.0, places=2)
        self.assertAlmostEqual(case.amount_invoiced_customer, 640.0, places=2)
        with self.assertRaisesRegex(UserError, "is settled"):
            case.with_user(self.clerk).excess_amount = 0.0

    def test_customer_jobs_and_excess_on_one_invoice(self):
        order = self._accident_order(service=True)
        self.assertAlmostEqual(order.amount_customer, 358.0, places=2, msg="the customer approved the service")
        case = self._case(order, excess=500.0)
        case.action_start_assessment()
        self._assess(case)  # the insurer accepts the quote as it is: 3 140
        self.assertAlmostEqual(order.amount_insurance, 2640.0, places=2)
        self.assertAlmostEqual(order.amount_customer, 300.0 + 58.0 + 500.0, places=2)
        # The excess is the policy's: it asks for no new approval of the customer's estimate.
        self.assertEqual(order.approval_state, "approved")
        self._repair(order)
        self._receive(case, self.photos, self.bank_account)
        order.with_user(self.cashier).action_settle()
        invoices = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        customer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        self.assertEqual(len(customer_invoice), 1)
        self.assertAlmostEqual(customer_invoice.amount_total, 858.0, places=2)
        self.assertAlmostEqual(sum(invoices.mapped("amount_total")), order.amount_total, places=2)

    def test_settlement_invoices_line_by_line(self):
        """The hooks of the insurance settle the same invoices whether or not other payers' addons are
        installed: the insurer's jobs less the excess to the insurer, the excess to the customer."""
        order = self._accident_order(service=True)
        case = self._case(order, excess=500.0)
        case.action_start_assessment()
        self._assess(case)
        self._repair(order)
        self._receive(case, self.photos, self.bank_account)
        order.with_user(self.cashier).action_settle()
        invoices = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        self.assertEqual(sorted(invoices.mapped("aftersales_payer")), ["customer", "insurance"])
        insurer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "insurance")
        self.assertEqual(insurer_invoice.partner_id, self.insurer)
        self.assertEqual(insurer_invoice.ref, "RDAA2026330100001 / PDAA2026330100009")
        self.assertEqual(
            [(line.quantity, line.price_unit, line.aftersales_job_id.payer or False)
             for line in insurer_invoice.invoice_line_ids.sorted("sequence")],
            [(3.0, 280.0, "insurance"), (1.0, 2300.0, "insurance"), (1.0, -500.0, False)],
        )
        self.assertAlmostEqual(insurer_invoice.amount_total, 2640.0, places=2)
        customer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        self.assertEqual(customer_invoice.partner_id, order.partner_id)
        self.assertFalse(customer_invoice.ref)
        self.assertEqual(
            sorted((line.quantity, line.price_unit) for line in customer_invoice.invoice_line_ids),
            [(1.0, 58.0), (1.0, 300.0), (1.0, 500.0)],
        )
        self.assertAlmostEqual(customer_invoice.amount_total, 858.0, places=2)
        self.assertEqual(invoices.mapped("state"), ["posted", "posted"])

    def test_excess_above_assessment_leaves_insurer_nothing(self):
        order = self._accident_order(labour_hours=1.0, parts=[(self.oil_filter, 1)])  # 280 + 58
        case = self._case(order, excess=500.0)
        case.action_start_assessment()
        self._assess(case)
        self.assertEqual(order.amount_insurance, 0.0)
        self.assertAlmostEqual(order.amount_customer, 338.0, places=2)
        self._repair(order)
        self._receive(case, self.photos, self.bank_account)
        order.with_user(self.cashier).action_settle()
        invoices = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        self.assertEqual(invoices.mapped("aftersales_payer"), ["customer"], "no zero invoice to the insurer")
        self.assertAlmostEqual(invoices.amount_total, 338.0, places=2)

    def test_supplement_raises_insurer_share(self):
        order = self._accident_order()
        case = self._case(order)
        case.action_start_assessment()
        self._assess(case)
        self.assertAlmostEqual(order.amount_insurance, 3140.0 - 300.0, places=2)
        order.action_repair_start()
        self.assertEqual(case.state, "repairing")
        # Taken apart, the bumper bracket turns out broken too: an extra insurance job and a supplement.
        bracket = self.env["aftersales.job"].with_user(self.advisor).create({
            "repair_id": order.id, "name": "前保险杠支架断裂", "additional_reason": "拆检发现支架断裂",
            "labour_hours": 0.5, "added_hours": 0.5, "is_additional": True, "payer": "insurance",
        })
        self._add_part(order, bracket, self.brake_pads, 1)  # any part: 620
        self.assertEqual((bracket.payer, bracket.state), ("insurance", "proposed"))
        bracket.with_user(self.advisor)._record_decision(True, "phone", workshop_informed_user=self.technician)
        self.assertAlmostEqual(case.amount_above_assessment, 140.0 + 620.0, places=2)
        case.action_new_assessment()
        supplement = case.assessment_ids.filtered("is_supplement")
        self.assertEqual(supplement.line_ids.job_id, bracket, "the supplement covers what no round covered")
        self.assertEqual(supplement.round_number, 2)
        self.assertIn("has not agreed", order.delivery_blockers)
        supplement.action_submit()
        supplement.action_agree()
        self.assertEqual(case.supplement_count, 1)
        self.assertAlmostEqual(case.amount_assessed, 3140.0 + 760.0, places=2)
        self.assertAlmostEqual(order.amount_insurance, 3900.0 - 300.0, places=2)
        self.assertEqual(case.amount_above_assessment, 0.0)
        # The insurer agreeing the supplement is its approval: no new estimate approval is asked for.
        self.assertEqual(order.approval_state, "approved")
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self._receive(case, self.photos)
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)
        with self.assertRaisesRegex(UserError, "can no longer change"):
            supplement.line_ids[:1].amount = 1.0

    def test_state_guards(self):
        order = self._accident_order()
        case = self._case(order)
        with self.assertRaisesRegex(UserError, "business step"):
            case.state = "assessed"
        with self.assertRaisesRegex(UserError, "has not assessed the damage"):
            order.action_repair_start()
        self.assertEqual(order.state, "confirmed")
        with self.assertRaisesRegex(UserError, "Call the insurer's assessor in"):
            self.env["aftersales.insurance.assessment"].create({"case_id": case.id})
        case.action_start_assessment()
        case.action_new_assessment()
        assessment = case.assessment_ids
        with self.assertRaisesRegex(UserError, "once the first round is agreed"):
            case.action_new_assessment()
        with self.assertRaisesRegex(UserError, "must be With the Insurer"):
            assessment.action_agree()
        assessment.action_submit()
        with self.assertRaisesRegex(UserError, "why the insurer refused"):
            assessment.action_refuse()
        assessment._refuse(reason="工时偏高")
        self.assertEqual(case.state, "assessing")
        assessment.action_reset_draft()
        assessment.action_submit()
        assessment.action_agree()
        self.assertEqual(case.state, "assessed")
        for state in ("reported", "repairing", "completed"):
            with self.subTest(state=state), self.assertRaisesRegex(UserError, "business step"):
                case.state = state
        self.assertEqual(case.state, "assessed")
        # Inside a step, a case still moves one state forward at a time.
        with self.assertRaisesRegex(UserError, "cannot become"):
            case._complete()
        with self.assertRaises(AccessError):
            case.unlink()
        with self.assertRaisesRegex(UserError, "merely reported can be deleted"):
            case.with_user(self.manager).unlink()

    def test_case_opened_after_the_repair(self):
        # The claim is filed only once the car is repaired: the case catches up step by step.
        order = self._accident_order()
        self._repair(order)
        case = self._case(order)
        case.action_start_assessment()
        self._assess(case)
        self._receive(case, self.photos)
        self.assertIn("Complete the insurance case", order.delivery_blockers)
        with self.assertRaisesRegex(UserError, "cannot become"):
            case.action_complete()
        case.action_start_repair()
        case.action_complete()
        self.assertEqual(case.state, "completed")
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

    def test_documents_block_delivery_and_settlement(self):
        order = self._accident_order()
        case = self._case(order)
        self.assertEqual(case.documents_missing, 2)
        case.action_start_assessment()
        self._assess(case)
        self._repair(order)
        activity = case.activity_ids
        self.assertEqual(activity.user_id, self.clerk, "the clerk is asked to collect what is missing")
        self.assertIn(self.photos.name, activity.note)
        self.assertIn(self.bank_account.name, activity.note)
        self.assertFalse(order.is_ready_for_delivery)
        self.assertIn(self.photos.name, order.delivery_blockers)
        with self.assertRaisesRegex(UserError, "not ready for delivery"):
            order._record_delivery(41050, False, False)
        self._receive(case, self.photos)
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)
        order._record_delivery(41050, False, False)
        # The payee's bank account is needed only to invoice the insurer.
        with self.assertRaisesRegex(UserError, "documents are missing"):
            order.with_user(self.cashier).action_settle()
        entries = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        self.assertFalse(entries, "a refused settlement leaves no invoice")
        self._receive(case, self.bank_account)
        order.with_user(self.cashier).action_settle()
        self.assertEqual(case.state, "settled")

    def test_insurer_told_of_progress(self):
        order = self._accident_order()
        case = self._case(order)
        case.action_start_assessment()
        self.assertFalse(self._insurer_messages(case))
        self._assess(case)
        self._receive(case, self.photos)
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        messages = self._insurer_messages(case)
        self.assertEqual(len(messages), 4, "assessed, repair started, completed, ready for pick-up")
        subjects = messages.mapped("subject")
        for step in ("assessment agreed", "repair started", "repair completed", "ready for pick-up"):
            self.assertTrue(any(step in subject for subject in subjects), f"no message '{step}' in {subjects}")
        mails = self.env["mail.mail"].sudo().search([
            ("mail_message_id", "in", messages.ids), ("recipient_ids", "in", self.claims_contact.ids),
        ])
        self.assertEqual(len(mails), 4, "one e-mail to the insurer's contact per step")
        self.assertTrue(case.ready_notified_date)

    def test_ready_notice_waits_for_documents(self):
        order = self._accident_order()
        case = self._case(order)
        case.action_start_assessment()
        self._assess(case)
        self._repair(order)
        self.assertFalse(case.ready_notified_date, "photos missing: the car is not ready")
        with self.assertRaisesRegex(UserError, "not ready for pick-up"):
            case.action_notify_ready()
        self._receive(case, self.photos)
        case.action_notify_ready()
        self.assertTrue(case.ready_notified_date)

    def test_access_per_role(self):
        order = self._accident_order()
        case = self._case(order)
        self.assertEqual(case.clerk_id, self.clerk)
        case.with_user(self.advisor).write({"accident_place": "文三路"})
        case.with_user(self.cashier).read(["amount_insurer"])
        with self.assertRaises(AccessError):
            case.with_user(self.cashier).write({"accident_place": "文二路"})
        # The workshop sees no cases, yet reads the order's delivery blockers.
        self.assertTrue(self.env["repair.order"].browse(order.id).with_user(self.technician).delivery_blockers)
        other_company = self.env["res.company"].create({"name": "宁波一汽-大众4S店"})
        self.clerk.write({"company_ids": [Command.link(other_company.id)]})
        self.assertEqual(
            self.Case.with_user(self.clerk).with_context(allowed_company_ids=other_company.ids).search(
                [("id", "=", case.id)]
            ),
            self.Case,
        )

    def test_reports_render(self):
        order = self._accident_order()
        case = self._case(order)
        case.action_start_assessment()
        self._assess(case, [700.0, 2100.0])
        for xmlid in ("action_report_insurance_assessment", "action_report_insurance_settlement",
                      "action_report_insurance_register"):
            html = self.env["ir.actions.report"]._render_qweb_html(f"aftersales_insurance.{xmlid}", case.ids)[0]
            self.assertIn("RDAA2026330100001", html.decode())
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_insurance.action_report_insurance_assessment", case.ids
        )[0].decode()
        self.assertIn(self.bumper.default_code, html)
        # The customer's settlement statement says how the insurance jobs are shared.
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_reception.action_report_settlement", order.ids
        )[0].decode()
        self.assertIn("Insurance Claim", html)
        self.assertIn("Above the Assessment (paid by the customer)", html)

    @warmup
    def test_query_count_assessment_20_lines(self):
        order = self._accident_order(labour_hours=1.0, parts=[(self.bumper, 1)] * self.ASSESSED_PARTS)
        case = self._case(order)
        case.action_start_assessment()
        self.env.invalidate_all()
        # Constant in the number of lines (57 with 10 or 20 lines, 61 with the approval rules' check of the case's
        # writes), a little room for other addons.
        with self.assertQueryCount(__system__=63):
            case.action_new_assessment()
            assessment = case.assessment_ids
            assessment.action_submit()
            assessment.action_agree()
            self.assertAlmostEqual(order.amount_insurance, 280.0 + self.ASSESSED_PARTS * 2300.0 - 300.0, places=2)
        self.assertEqual(len(assessment.line_ids), self.ASSESSED_PARTS + 1)

    # ------------------------------------------------------------------
    # Steps only; the insurer invoiced on an agreed assessment (or the service manager's override)
    # ------------------------------------------------------------------

    def _insurer_invoice(self, order):
        entries = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        return entries.filtered(lambda move: move.aftersales_payer == "insurance")

    def test_claim_number_too_long_refused(self):
        order = self._accident_order()
        with self.assertRaisesRegex(ValidationError, "at most 64"):
            self._case(order, claim_number="C" * 65)
        self.assertFalse(order.insurance_case_ids)

    def test_case_and_assessment_steps_only(self):
        order = self._accident_order()
        with self.assertRaisesRegex(UserError, "business step"):
            self.Case.with_user(self.clerk).create({
                "repair_id": order.id, "insurer_id": self.insurer.id, "claim_number": "RDAA2026330100001",
                "assessed_date": "2026-01-05",
            })
        self.assertFalse(order.insurance_case_ids)
        case = self._case(order)
        for values in ({"state": "assessing"}, {"assessed_date": "2026-01-05"},
                       {"settled_date": "2026-01-05 10:00:00"}, {"assessment_override_date": "2026-01-05 10:00:00"},
                       {"assessment_override_user_id": self.manager.id}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "business step"):
                case.write(values)
        self.assertEqual((case.state, case.assessed_date, case.settled_date), ("reported", False, False))
        case.action_start_assessment()
        case.action_new_assessment()
        assessment = case.assessment_ids.with_user(self.clerk)
        for values in ({"state": "agreed"}, {"agreed_date": "2026-01-05"}, {"amount_total": 1.0}):
            for user in (self.clerk, self.manager):
                with self.subTest(values=values, user=user.login), self.assertRaisesRegex(UserError, "business step"):
                    assessment.with_user(user).write(values)
        with self.assertRaisesRegex(UserError, "business step"):
            assessment.sudo().write({"state": "agreed"})  # sudo: the superuser is refused too
        self.assertEqual((assessment.state, assessment.agreed_date, case.state), ("draft", False, "assessing"))
        self.assertAlmostEqual(assessment.amount_total, 3140.0, places=2)
        assessment.action_submit()
        assessment.action_agree()
        self.assertEqual((assessment.state, case.state), ("agreed", "assessed"))
        self.assertTrue(assessment.agreed_date)
        self.assertTrue(case.assessed_date)

    def test_insurer_not_invoiced_without_a_case(self):
        order = self._accident_order()
        self._repair(order)
        # Nothing of an insurer blocks the delivery of an order without a case...
        order.with_user(self.advisor)._record_delivery(41050, False, False)
        # ...but the insurer is not billed an insurance job nobody claimed from it.
        with self.assertRaisesRegex(UserError, "no insurance case"):
            order.with_user(self.cashier).action_settle()
        entries = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        self.assertFalse(entries, "a refused settlement leaves no invoice")
        self.assertFalse(order.settlement_date)

    def test_insurer_not_invoiced_before_the_assessment_is_agreed(self):
        order = self._accident_order()
        self._repair(order)
        case = self._case(order)
        case.action_start_assessment()
        case.action_new_assessment()
        case.assessment_ids.action_submit()
        self._receive(case, self.photos, self.bank_account)
        with self.assertRaisesRegex(UserError, "has not agreed the assessment of case"):
            order.with_user(self.cashier).action_settle()
        self.assertFalse(order.sudo().aftersales_invoice_ids)  # sudo: reads the entries
        self.assertEqual(case.state, "assessing")

    def test_service_manager_lets_the_insurer_be_invoiced_without_assessment(self):
        order = self._accident_order()
        case = self._case(order)  # excess 300
        case.action_start_assessment()
        with self.assertRaises(AccessError):
            case.action_override_assessment()
        with self.assertRaisesRegex(UserError, "Write down why"):
            case.with_user(self.manager).action_override_assessment()
        self.assertEqual((case.state, case.assessment_override_user_id), ("assessing", self.env["res.users"]))
        case.assessment_override_reason = "小额案件：保险公司按报价直赔，免现场定损"
        case.with_user(self.manager).action_override_assessment()
        self.assertEqual((case.state, case.assessment_override_user_id), ("assessed", self.manager))
        self.assertTrue(case.assessment_override_date)
        with self.assertRaisesRegex(UserError, "no override is needed"):
            case.with_user(self.manager).action_override_assessment()
        with self.assertRaisesRegex(UserError, "can no longer change"):
            case.assessment_override_reason = "改个理由"
        # The insurer pays the dealer's 3 140 less the excess; the customer the excess.
        self.assertAlmostEqual(order.amount_insurance, 2840.0, places=2)
        self.assertAlmostEqual(order.amount_customer, 300.0, places=2)
        self._repair(order)
        self.assertEqual(case.state, "completed")
        self._receive(case, self.photos, self.bank_account)
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)
        order.with_user(self.cashier).action_settle()
        self.assertEqual(case.state, "settled")
        self.assertAlmostEqual(self._insurer_invoice(order).amount_total, 2840.0, places=2)
        invoices = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        customer_invoice = invoices.filtered(lambda move: move.aftersales_payer == "customer")
        self.assertAlmostEqual(customer_invoice.amount_total, 300.0, places=2)

    def test_only_the_service_manager_deletes_cases(self):
        case = self._case(self._accident_order())
        with self.assertRaises(AccessError):
            case.unlink()
        self.assertTrue(case.exists())
        case.with_user(self.manager).unlink()
        self.assertFalse(case.exists())

    def test_vehicle_file_insurance_button(self):
        """The vehicle file counts and opens the vehicle's insurance cases, not another car's."""
        case = self._case(self._accident_order())
        other_vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3090005"), license_plate="浙A·V0005")
        vehicles = (self.vehicle | other_vehicle).with_user(self.advisor)
        self.assertEqual(vehicles.mapped("insurance_case_count"), [1, 0])
        Case = self.env["aftersales.insurance.case"].with_user(self.clerk)
        self.assertEqual(Case.search(vehicles[0].action_view_insurance_cases()["domain"]), case)
        self.assertFalse(Case.search(vehicles[1].action_view_insurance_cases()["domain"]))
