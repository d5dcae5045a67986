from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, warmup

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tools import step_scope

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestClaim(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_parts = cls.env.ref("aftersales_warranty.reason_part_not_causal")
        cls.reason_misuse = cls.env.ref("aftersales_warranty.reason_misuse")

    def _claim(self, order):
        action = order.with_user(self.clerk).action_create_warranty_claim()
        return self.env["aftersales.warranty.claim"].with_user(self.clerk).browse(action["res_id"])

    def _manufacturer_invoice(self, order):
        return order.sudo()._settlement_invoices("warranty")

    def _receivable_lines(self, moves):
        return moves.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")

    # ------------------------------------------------------------------
    # Building the claim
    # ------------------------------------------------------------------

    def test_claim_from_mixed_order_takes_only_warranty_jobs(self):
        order = self._pump_order()
        service, pump, brakes = order.job_ids.sorted("id")
        claim = self._claim(order)
        self.assertEqual(claim.job_ids, pump | brakes)
        self.assertNotIn(service, claim.line_ids.job_id)
        self.assertEqual(claim.manufacturer_id, self.manufacturer)
        self.assertEqual(claim.vin_sn, self.vehicle.vin_sn)
        self.assertEqual(claim.mileage, 41000)
        self.assertEqual(claim.fault_code, "P0217")
        self.assertEqual(claim.causal_part_id, self.water_pump)
        self.assertIn("水泵漏水", claim.complaint)
        labour = claim.line_ids.filtered(lambda line: line.line_type == "labour")
        self.assertEqual(sorted(labour.mapped("hours")), [1.0, 2.0])
        self.assertEqual(labour.filtered(lambda line: line.job_id == pump).operation_code, "19-0100")
        part = claim.line_ids.filtered(lambda line: line.line_type == "part")
        self.assertEqual((part.product_id, part.quantity, part.price_unit), (self.water_pump, 1.0, 1000.0),
                         "the part at its warranty reimbursement price, not the 1 450 list price")
        self.assertAlmostEqual(claim.amount_claimed, 2.0 * 200 + 1.0 * 200 + 1000.0)
        self.assertEqual(claim.amount_claimed, order.amount_warranty)
        self.assertEqual(claim.move_ids, self._manufacturer_invoice(order), "the settlement invoice follows")
        self.assertEqual(claim.deadline_date, claim.repair_end.date() + timedelta(days=30))
        self.assertFalse(order.has_claimable_jobs)
        with self.assertRaisesRegex(UserError, "no warranty job left"):
            order.with_user(self.clerk).action_create_warranty_claim()

    def test_claimed_hours_capped_by_clocked_hours(self):
        order = self._warranty_order([("水泵漏水", "warranty", 2.0)])
        pump = order.job_ids
        self._finish(order, clocked={pump: 1.5})
        claim = self._claim(order)
        line = claim.line_ids
        self.assertEqual((line.clocked_hours, line.hours), (1.5, 1.5))
        with self.assertRaisesRegex(ValidationError, "only 1.5 clocked"):
            line.hours = 2.0
        line.write({"hours": 2.0, "justification": "厂家标准工时 2.0 小时"})
        self.assertEqual(line.amount, 400.0)

    def test_submission_needs_the_story(self):
        claim = self._claim(self._pump_order())
        claim.cause = False
        with self.assertRaisesRegex(UserError, "the cause"):
            claim.action_submit()
        self.assertEqual(claim.state, "draft")
        claim.cause = "水泵轴封失效"
        claim.action_submit()
        self.assertEqual(claim.state, "submitted")
        with self.assertRaisesRegex(UserError, "Only a draft claim"):
            claim.complaint = "改过的"
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            claim.with_user(self.manager).unlink()

    # ------------------------------------------------------------------
    # Decisions and their accounting
    # ------------------------------------------------------------------

    def test_approved_claim_paid_by_the_manufacturer(self):
        order = self._pump_order()
        invoice = self._manufacturer_invoice(order)
        claim = self._claim(order)
        claim.action_submit()
        claim._record_decision("approved")
        self.assertEqual(claim.state, "approved")
        self.assertEqual(claim.amount_approved, 1600.0)
        self.assertEqual(claim.sudo().move_ids, invoice, "the settlement invoice is the receivable: nothing new")
        self.assertEqual((claim.amount_receivable, claim.amount_outstanding), (1600.0, 1600.0))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids,
        ).create({"payment_date": fields.Date.today()})._create_payments()
        claim.action_sync_payment()
        self.assertEqual(claim.state, "paid")
        self.assertEqual((claim.amount_paid, claim.amount_outstanding), (1600.0, 0.0))

    def test_partly_approved_credit_note_on_write_off_reconciled(self):
        order = self._pump_order()
        invoice = self._manufacturer_invoice(order)
        claim = self._claim(order)
        claim.action_submit()
        part_line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        with self.assertRaisesRegex(UserError, "reason code"):
            claim._record_decision("partly_approved", approved_amounts={part_line: 600.0})
        claim._record_decision("partly_approved", reason=self.reason_parts, approved_amounts={part_line: 600.0})
        self.assertEqual(claim.state, "partly_approved")
        self.assertEqual((claim.amount_approved, claim.amount_rejected), (1200.0, 400.0))
        self.assertEqual(part_line.reason_id, self.reason_parts)
        credit_note = claim.sudo().move_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.partner_id, self.manufacturer)
        self.assertEqual(credit_note.amount_total, 400.0)
        self.assertEqual(credit_note.reversed_entry_id, invoice)
        product_lines = credit_note.invoice_line_ids
        self.assertEqual(product_lines.account_id, self.writeoff_account)
        # The credit note is reconciled with the invoice: the manufacturer owes the approved amount.
        self.assertEqual(credit_note.payment_state, "paid")
        self.assertEqual(invoice.amount_residual, 1200.0)
        self.assertEqual(claim.amount_outstanding, 1200.0)
        self.assertEqual(self._receivable_lines(credit_note).full_reconcile_id, self.env["account.full.reconcile"])
        self.assertTrue(self._receivable_lines(credit_note).reconciled)

    def test_manufacturer_pays_by_credit(self):
        order = self._pump_order()
        claim = self._claim(order)
        claim.action_submit()
        part_line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        claim._record_decision("partly_approved", reason=self.reason_parts, approved_amounts={part_line: 600.0})
        with self.assertRaises(AccessError):
            claim.action_settle_by_credit()
        claim.with_user(self.accountant).action_settle_by_credit()
        self.assertEqual(claim.state, "paid")
        invoice = self._manufacturer_invoice(order).filtered(lambda move: move.move_type == "out_invoice")
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(claim.amount_outstanding, 0.0)
        payable = self.manufacturer.property_account_payable_id
        offset = self.env["account.move.line"].search([
            ("account_id", "=", payable.id), ("partner_id", "=", self.manufacturer.id),
        ])
        self.assertEqual(sum(offset.mapped("balance")), 1200.0, "the manufacturer's credit offsets our payable")

    def test_rejected_then_resubmitted_and_approved(self):
        order = self._pump_order()
        invoice = self._manufacturer_invoice(order)
        claim = self._claim(order)
        claim.action_submit()
        claim._record_decision("rejected", reason=self.reason_misuse, note="进水导致")
        self.assertEqual(claim.state, "rejected")
        self.assertEqual(claim.amount_approved, 0.0)
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertEqual(claim.amount_outstanding, 0.0)
        credit_note = claim.sudo().move_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.amount_total, 1600.0)
        self.assertEqual(credit_note.invoice_line_ids.account_id, self.writeoff_account)
        # Corrected and sent again; approved this time: the manufacturer is invoiced again.
        claim.action_resubmit()
        self.assertEqual((claim.state, claim.resubmission_count), ("draft", 1))
        claim.correction = "更换水泵并提供进水排除证明"
        claim.action_submit()
        claim._record_decision("approved")
        new_invoice = claim.sudo().move_ids.filtered(lambda move: move.move_type == "out_invoice") - invoice
        self.assertEqual(new_invoice.amount_total, 1600.0)
        self.assertEqual(new_invoice.partner_id, self.manufacturer)
        self.assertEqual(claim.amount_outstanding, 1600.0)

    def test_rebilled_to_the_customer_with_the_manager_approval(self):
        order = self._pump_order()
        claim = self._claim(order)
        claim.action_submit()
        part_line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        with self.assertRaises(AccessError):
            claim._record_decision("partly_approved", reason=self.reason_parts,
                                   approved_amounts={part_line: 600.0}, rebill_customer=True)
        claim.with_user(self.manager)._record_decision(
            "partly_approved", reason=self.reason_parts, approved_amounts={part_line: 600.0}, rebill_customer=True,
        )
        customer_invoice = claim.sudo().move_ids.filtered(lambda move: move.partner_id == self.customer)
        self.assertEqual(customer_invoice.move_type, "out_invoice")
        self.assertEqual(customer_invoice.amount_total, 400.0)
        self.assertEqual(claim.rebill_approved_by_id, self.manager)
        credit_note = claim.sudo().move_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertNotEqual(credit_note.invoice_line_ids.account_id, self.writeoff_account, "income, not a loss")
        self.assertEqual(claim.amount_outstanding, 1200.0)

    def test_claims_per_manufacturer_report(self):
        rejected = self._claim(self._pump_order(settle=False))
        rejected.action_submit()
        rejected._record_decision("rejected", reason=self.reason_misuse)
        approved = self._claim(self._pump_order())
        approved.action_submit()
        approved._record_decision("approved")
        rows = self.env["aftersales.warranty.claim"].with_user(self.accountant)._read_group(
            [("id", "in", (approved | rejected).ids)], ["manufacturer_id"],
            ["amount_claimed:sum", "amount_approved:sum", "amount_paid:sum", "amount_outstanding:sum"],
        )
        self.assertEqual(rows, [(self.manufacturer, 3200.0, 1600.0, 0.0, 1600.0)])

    def test_claim_before_settlement_invoices_the_manufacturer_once(self):
        order = self._pump_order(settle=False)
        claim = self._claim(order)
        self.assertFalse(claim.move_ids)
        claim.action_submit()
        claim._record_decision("approved")
        claim_invoice = claim.sudo().move_ids
        self.assertEqual((claim_invoice.move_type, claim_invoice.amount_total), ("out_invoice", 1600.0))
        self._deliver_and_settle(order)
        settlement = order.sudo().aftersales_invoice_ids
        self.assertFalse(settlement.filtered(lambda move: move.aftersales_payer == "warranty"),
                         "the claim already invoiced the warranty share")
        self.assertEqual(settlement.filtered(lambda move: move.aftersales_payer == "customer").amount_total, 358.0)

    def test_rejected_before_settlement_is_not_billed_to_the_manufacturer(self):
        order = self._pump_order(settle=False)
        claim = self._claim(order)
        claim.action_submit()
        claim.with_user(self.manager)._record_decision("rejected", reason=self.reason_misuse, rebill_customer=True)
        customer_invoice = claim.sudo().move_ids
        self.assertEqual((customer_invoice.partner_id, customer_invoice.amount_total), (self.customer, 1600.0))
        self._deliver_and_settle(order)
        settlement = order.sudo().aftersales_invoice_ids
        self.assertEqual(settlement.mapped("aftersales_payer"), ["customer"], "nothing billed to the manufacturer")
        with self.assertRaisesRegex(UserError, "claim is closed"):
            claim.action_resubmit()

    def test_own_cap_written_off_and_refusal_rebilled(self):
        """Claimed 1.5 of 2 hours billed, then 300 of the part refused and re-billed: 100 written off."""
        order = self._warranty_order([("水泵漏水", "warranty", 2.0)], parts=[(0, self.water_pump, 1)])
        pump = order.job_ids
        self._finish(order, clocked={pump: 1.5})
        self._deliver_and_settle(order)
        claim = self._claim(order)
        claim.action_submit()
        part_line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        claim.with_user(self.manager)._record_decision(
            "partly_approved", reason=self.reason_parts, approved_amounts={part_line: 700.0}, rebill_customer=True,
        )
        self.assertEqual((claim.amount_claimed, claim.amount_approved), (1300.0, 1000.0))
        credit_note = claim.sudo().move_ids.filtered(lambda move: move.move_type == "out_refund")
        self.assertEqual(credit_note.amount_total, 400.0)
        written_off = credit_note.invoice_line_ids.filtered(lambda line: line.account_id == self.writeoff_account)
        self.assertEqual(written_off.price_total, 100.0)
        customer_invoice = claim.sudo().move_ids.filtered(lambda move: move.partner_id == self.customer)
        self.assertEqual(customer_invoice.amount_total, 300.0)
        self.assertEqual(claim.amount_outstanding, 1000.0)

    def test_decision_only_on_submitted_claims(self):
        claim = self._claim(self._pump_order())
        with self.assertRaisesRegex(UserError, "waits for no decision"):
            claim._record_decision("approved")
        claim.action_submit()
        with self.assertRaisesRegex(UserError, "approves some of the claim"):
            claim._record_decision("partly_approved", reason=self.reason_parts)
        with self.assertRaisesRegex(ValidationError, "more than was claimed"):
            claim._record_decision("partly_approved", reason=self.reason_parts,
                                   approved_amounts={claim.line_ids[0]: 99999.0})
        self.assertEqual(claim.state, "submitted")

    def test_decision_wizard(self):
        claim = self._claim(self._pump_order())
        claim.action_submit()
        wizard = self.env["aftersales.claim.decision.wizard"].with_user(self.clerk).create({
            "claim_id": claim.id, "decision": "partly_approved", "reason_id": self.reason_parts.id,
            "manufacturer_ref": "FAW-2026-0815",
        })
        wizard.line_ids.filtered(lambda line: line.claim_line_id.line_type == "part").approved_amount = 500.0
        wizard.action_confirm()
        self.assertEqual((claim.state, claim.amount_approved, claim.manufacturer_ref),
                         ("partly_approved", 1100.0, "FAW-2026-0815"))

    # ------------------------------------------------------------------
    # Deadline
    # ------------------------------------------------------------------

    def test_deadline_cron_reminds_and_flags(self):
        self.env["res.users"].browse(self.clerk.id).company_ids = self.company
        close = self._claim(self._pump_order(settle=False))
        late = self._claim(self._pump_order(settle=False))
        now = fields.Datetime.now()
        close.repair_end = now - timedelta(days=27)
        late.repair_end = now - timedelta(days=31)
        self.assertEqual(close.deadline_date, fields.Date.today() + timedelta(days=3))
        self.env["aftersales.warranty.claim"]._cron_watch_deadlines()
        self.assertFalse(close.is_overdue)
        self.assertTrue(late.is_overdue)
        clerks = self.env["res.users"]._aftersales_role_users("aftersales_warranty.group_warranty_clerk", self.company)
        self.assertIn(self.clerk, close.activity_ids.user_id, "every warranty clerk of the company is reminded")
        self.assertLessEqual(close.activity_ids.user_id, clerks)
        self.assertIn(close.name, close.activity_ids.filtered(lambda act: act.user_id == self.clerk).summary)
        # Idempotent: a second run adds no second reminder.
        reminders = len(close.activity_ids)
        self.env["aftersales.warranty.claim"]._cron_watch_deadlines()
        self.assertEqual(len(close.activity_ids), reminders)
        late.action_submit()
        self.assertFalse(late.is_overdue)
        # A brand's own deadline wins over the company's.
        self.brand.warranty_claim_deadline_days = 60
        self.assertEqual(late.deadline_date, (now - timedelta(days=31)).date() + timedelta(days=60))

    # ------------------------------------------------------------------
    # Speed
    # ------------------------------------------------------------------

    @warmup
    def test_claim_from_twenty_warranty_jobs_query_count(self):
        check_in = self._check_in(41000, [f"索赔项目 {index}" for index in range(20)])
        check_in.action_create_work_order()
        order = check_in.repair_id
        order.job_ids.write({"payer": "warranty", "labour_hours": 1.0})
        self.env["stock.move"].create([{
            "repair_id": order.id, "repair_line_type": "add", "product_id": self.brake_pads.id,
            "product_uom_qty": 1, "aftersales_job_id": job.id,
        } for job in order.job_ids])
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        # Twenty back-dated clocks as data, the repair not started: the query count measures the claim only.
        with step_scope("test setup"):
            self.env["aftersales.job.clock"].create([{
                "job_id": job.id, "technician_id": self.technician.id,
                "start": fields.Datetime.now() - timedelta(hours=30 - index),
                "stop": fields.Datetime.now() - timedelta(hours=29 - index),
            } for index, job in enumerate(order.job_ids)])
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=34):
            claims = self.env["aftersales.warranty.claim"]._create_from_orders(order)
        self.assertEqual(len(claims.line_ids), 40)
        self.assertEqual(claims.line_ids.job_id, order.job_ids)

    def test_claim_jobs_keep_their_payer(self):
        order = self._pump_order(settle=False)
        claim = self._claim(order)
        with self.assertRaisesRegex(UserError, "stays a warranty job"):
            claim.job_ids[0].payer = "customer"
        self.assertTrue(all(job.payer == "warranty" for job in claim.job_ids))
        self.assertEqual(claim.line_ids.mapped("job_id"), claim.job_ids)
        self.assertEqual(len(claim.line_ids.filtered(lambda line: line.line_type == "labour")), 2)


@tagged("post_install", "-at_install")
class TestClaimSecurity(WarrantyCase):
    def test_only_warranty_clerks_claim(self):
        order = self._pump_order(settle=False)
        with self.assertRaises(AccessError):
            order.with_user(self.advisor).action_create_warranty_claim()
        claim = self.env["aftersales.warranty.claim"].with_user(self.clerk)._create_from_orders(order)
        self.assertEqual(claim.with_user(self.advisor).amount_claimed, 1600.0, "advisors read the claims")
        with self.assertRaises(AccessError):
            claim.with_user(self.advisor).write({"manufacturer_ref": "X"})

    def test_claims_stay_in_their_company(self):
        claim = self.env["aftersales.warranty.claim"]._create_from_orders(self._pump_order(settle=False))
        other = self.env["res.company"].create({"name": "宁波东方一汽-大众4S店"})
        outsider = self.env["res.users"].create({
            "name": "外店索赔员", "login": "wty_other_clerk",
            "company_id": other.id, "company_ids": [Command.set(other.ids)],
            "group_ids": [Command.set(self.env.ref("aftersales_warranty.group_warranty_clerk").ids)],
        })
        Claim = self.env["aftersales.warranty.claim"].with_user(outsider)
        self.assertFalse(Claim.search([("id", "=", claim.id)]))
        self.assertEqual(self.env["aftersales.warranty.claim"].with_user(self.clerk).search_count(
            [("id", "=", claim.id)]), 1)

    def test_workshop_and_reception_read_the_warranty_figures(self):
        order = self._pump_order(settle=False)
        self.env["aftersales.warranty.claim"]._create_from_orders(order)
        for user in (self.technician, self.advisor, self.cashier):
            vehicle = self.vehicle.with_user(user)
            values = vehicle.read(["warranty_claim_count", "open_recall_count", "sanbao_warning", "warranty_note"])[0]
            self.assertEqual(values["warranty_claim_count"], 1)
            self.assertIn("Covered until", values["warranty_note"])
            self.assertFalse(order.with_user(user).has_claimable_jobs)
            self.assertEqual(order.with_user(user).warranty_claim_count, 1)
            job = order.job_ids[1].with_user(user)
            self.assertEqual(job.read(["warranty_claim_ids", "warranty_state"])[0]["warranty_state"], "covered")

    def test_vehicle_file_claim_button(self):
        """The vehicle file's claim button opens the vehicle's claims only."""
        order = self._pump_order(settle=False)
        claim = self.env["aftersales.warranty.claim"]._create_from_orders(order)
        other_vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3090004"), license_plate="浙A·V0004")
        vehicles = (self.vehicle | other_vehicle).with_user(self.advisor)
        self.assertEqual(vehicles.mapped("warranty_claim_count"), [1, 0])
        Claim = self.env["aftersales.warranty.claim"].with_user(self.advisor)
        self.assertEqual(Claim.search(vehicles[0].action_view_warranty_claims()["domain"]), claim)
        self.assertFalse(Claim.search(vehicles[1].action_view_warranty_claims()["domain"]))
