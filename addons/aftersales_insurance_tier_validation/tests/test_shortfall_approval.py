from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.aftersales_insurance.tests.common import InsuranceCaseCommon
from odoo.addons.aftersales_tier_validation.tests.common import ApprovalTestMixin


@tagged("post_install", "-at_install")
class TestShortfallApproval(ApprovalTestMixin, InsuranceCaseCommon):
    """The insurer is invoiced 2 500 and transfers 2 300: the 200 it deducts are written off once the service
    manager approves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env.ref("aftersales_insurance_tier_validation.tier_definition_insurance_write_off")
        # The service manager switches the rule on, in the rules' own screen.
        cls.rule.with_user(cls.manager).active = True

    def _short_paid_case(self):
        case = self._settled_case()
        self._insurer_pays(case, 2300.0)
        case._record_insurer_shortfall(200.0, "残值扣除")
        return case

    def test_write_off_waits_for_the_service_manager(self):
        case = self._short_paid_case()
        invoice = self._insurer_invoices(case)
        self.assertEqual((case.writeoff_state, case.writeoff_amount), ("to_book", 200.0))
        self.assertFalse(case.writeoff_move_id, "nothing is written off before the approval")
        self.assertEqual(invoice.amount_residual, 200.0)

        with self.assertRaisesRegex(UserError, "needs approval first: Write-off of an insurer's shortfall"):
            case.action_book_write_off()
        case.action_request_aftersales_approval()
        self.assertIn(self.manager, self._approvers_with_activity(case))
        self.assertNotIn(self.clerk, self._approvers_with_activity(case))
        with self.assertRaisesRegex(UserError, "waits for approval"):
            case.action_book_write_off()
        with self.assertRaisesRegex(AccessError, "You cannot approve or refuse"):
            case.validate_tier()

        self._decide(case, self.manager, False, "先与保险公司申诉")
        with self.assertRaisesRegex(UserError, "was refused"):
            case.action_book_write_off()
        self.assertEqual(invoice.amount_residual, 200.0)

        case.restart_validation()
        case.action_request_aftersales_approval()
        self._decide(case, self.manager, True, "申诉无果，同意核销")
        self.assertFalse(self._approvers_with_activity(case))
        case.action_book_write_off()
        self.assertEqual(case.writeoff_state, "booked")
        entry = case.sudo().writeoff_move_id  # sudo: the clerk reads no accounting documents
        loss = entry.line_ids.filtered(lambda line: line.account_id == self.writeoff_account)
        self.assertEqual((loss.debit, loss.credit), (200.0, 0.0))
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertIn("申诉无果，同意核销", self._notes(case))
        with self.assertRaisesRegex(UserError, "waits to be written off"):
            case.action_book_write_off()

    def test_insurer_pays_after_all(self):
        case = self._short_paid_case()
        case.action_request_aftersales_approval()
        self.assertTrue(self._approvers_with_activity(case))
        # The insurer transfers the 200 after the appeal: nothing is lost.
        self._insurer_pays(case, 200.0)
        with self.assertRaisesRegex(UserError, "cannot pay .* short"):
            self._decide(case, self.manager, True, "同意核销")
            case.action_book_write_off()
        case.action_cancel_write_off()
        self.assertEqual((case.writeoff_state, case.writeoff_amount, case.writeoff_reason), ("none", 0.0, False))
        self.assertFalse(case.review_ids)
        self.assertFalse(self._approvers_with_activity(case), "nothing left to approve")
        self.assertFalse(case.writeoff_move_id)
        self.assertEqual(self._insurer_invoices(case).amount_residual, 0.0)

    def test_write_off_below_the_rule_is_booked_at_once(self):
        # The service manager approves only write-offs above ¥500.
        self.rule.with_user(self.manager).definition_domain = '[("writeoff_amount", ">", 500)]'
        case = self._short_paid_case()
        self.assertEqual(case.writeoff_state, "booked")
        self.assertFalse(case.review_ids)
        self.assertEqual(self._insurer_invoices(case).amount_residual, 0.0)
