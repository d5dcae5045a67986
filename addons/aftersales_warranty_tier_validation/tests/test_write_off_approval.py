from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.aftersales_tier_validation.tests.common import ApprovalTestMixin
from odoo.addons.aftersales_warranty.tests.common import WarrantyCase


@tagged("post_install", "-at_install")
class TestWriteOffApproval(ApprovalTestMixin, WarrantyCase):
    """The manufacturer pays 600 of the 1 000 claimed for the water pump: the 400 left are the dealer's loss,
    written off once the service manager approves it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason_parts = cls.env.ref("aftersales_warranty.reason_part_not_causal")
        cls.reason_misuse = cls.env.ref("aftersales_warranty.reason_misuse")
        cls.rule = cls.env.ref("aftersales_warranty_tier_validation.tier_definition_warranty_write_off")
        # The service manager switches the handbook's rule on, in the rules' own screen.
        cls.rule.with_user(cls.manager).active = True

    def _partly_approved_claim(self):
        order = self._pump_order()
        action = order.with_user(self.clerk).action_create_warranty_claim()
        claim = self.env["aftersales.warranty.claim"].with_user(self.clerk).browse(action["res_id"])
        claim.action_submit()
        part_line = claim.line_ids.filtered(lambda line: line.line_type == "part")
        claim._record_decision("partly_approved", reason=self.reason_parts, approved_amounts={part_line: 600.0})
        return claim

    def _credit_notes(self, claim):
        return claim.sudo().move_ids.filtered(  # sudo: the clerk reads no accounting documents
            lambda move: move.move_type == "out_refund"
        )

    def test_write_off_waits_for_the_service_manager(self):
        claim = self._partly_approved_claim()
        self.assertEqual((claim.amount_claimed, claim.amount_approved), (1600.0, 1200.0))
        self.assertEqual((claim.writeoff_state, claim.writeoff_amount), ("to_book", 400.0))
        self.assertFalse(self._credit_notes(claim), "nothing is written off before the approval")
        self.assertEqual(claim.amount_outstanding, 1600.0)

        with self.assertRaisesRegex(UserError, "needs approval first: Write-off of a warranty shortfall"):
            claim.action_book_write_off()
        # Nor does a direct write skip the step.
        with self.assertRaisesRegex(UserError, "only its business step"):
            claim.write({"writeoff_state": "booked"})
        with self.assertRaisesRegex(UserError, "only its business step"):
            claim.sudo().writeoff_amount = 0.0  # sudo: not even the superuser
        claim.action_request_aftersales_approval()
        self.assertIn(self.manager, self._approvers_with_activity(claim))
        self.assertNotIn(self.clerk, self._approvers_with_activity(claim))
        with self.assertRaisesRegex(UserError, "waits for approval"):
            claim.action_book_write_off()
        # The clerk cannot approve the loss himself.
        with self.assertRaisesRegex(AccessError, "You cannot approve or refuse"):
            claim.validate_tier()

        self._decide(claim, self.manager, False, "先与厂家申诉配件价格")
        with self.assertRaisesRegex(UserError, "was refused"):
            claim.action_book_write_off()
        self.assertFalse(self._credit_notes(claim))

        claim.restart_validation()
        claim.action_request_aftersales_approval()
        self._decide(claim, self.manager, True, "申诉无果，同意核销")
        self.assertFalse(self._approvers_with_activity(claim))
        claim.action_book_write_off()
        self.assertEqual(claim.writeoff_state, "booked")
        credit_note = self._credit_notes(claim)
        self.assertEqual(credit_note.amount_total, 400.0)
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.invoice_line_ids.account_id, self.writeoff_account)
        self.assertEqual(claim.amount_outstanding, 1200.0)
        with self.assertRaisesRegex(UserError, "waits to be written off"):
            claim.action_book_write_off()

    def test_claim_sent_again_drops_the_write_off(self):
        claim = self._partly_approved_claim()
        claim.action_request_aftersales_approval()
        self.assertTrue(self._approvers_with_activity(claim))
        claim.action_resubmit()
        self.assertEqual((claim.state, claim.writeoff_state, claim.writeoff_amount), ("draft", "none", 0.0))
        self.assertFalse(claim.review_ids)
        self.assertFalse(self._approvers_with_activity(claim), "nothing left to approve")

    def test_write_off_below_the_rule_is_booked_at_the_decision(self):
        # The service manager approves only write-offs above ¥500.
        self.rule.with_user(self.manager).definition_domain = '[("writeoff_amount", ">", 500)]'
        claim = self._partly_approved_claim()
        self.assertEqual(claim.writeoff_state, "booked")
        self.assertEqual(self._credit_notes(claim).amount_total, 400.0)
        self.assertEqual(claim.amount_outstanding, 1200.0)
        self.assertFalse(claim.review_ids)
