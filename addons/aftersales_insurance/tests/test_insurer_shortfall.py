from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import InsuranceCaseCommon


@tagged("post_install", "-at_install")
class TestInsurerShortfall(InsuranceCaseCommon):
    """The insurer is invoiced 2 500 and transfers 2 300: the 200 it deducts are written off by the clerk's step."""

    def _record(self, case, amount, reason):
        wizard = Form(self.env["aftersales.insurance.shortfall.wizard"].with_user(self.clerk).with_context(
            default_case_id=case.id,
        ))
        self.assertEqual(wizard.amount_outstanding, case.amount_insurer_outstanding)
        wizard.amount = amount
        wizard.reason = reason
        return wizard.save().action_confirm()

    def _writeoff_balance(self):
        lines = self.env["account.move.line"].search([
            ("account_id", "=", self.writeoff_account.id), ("parent_state", "=", "posted"),
        ])
        return sum(lines.mapped("balance"))

    def test_shortfall_written_off_at_once(self):
        case = self._settled_case()
        invoice = self._insurer_invoices(case)
        self.assertEqual(invoice.amount_total, 2500.0)
        self.assertEqual(case.amount_insurer_outstanding, 2500.0)
        self._insurer_pays(case, 2300.0)
        self.assertEqual(invoice.amount_residual, 200.0)
        self.assertEqual(case.amount_insurer_outstanding, 200.0)

        self._record(case, 200.0, "残值扣除 200 元")
        self.assertEqual((case.writeoff_state, case.writeoff_amount), ("booked", 200.0))
        self.assertEqual(case.writeoff_reason, "残值扣除 200 元")
        entry = case.sudo().writeoff_move_id  # sudo: the clerk reads no accounting documents
        self.assertEqual(entry.state, "posted")
        self.assertEqual(entry.move_type, "entry")
        loss = entry.line_ids.filtered(lambda line: line.account_id == self.writeoff_account)
        receivable = entry.line_ids - loss
        self.assertEqual((loss.debit, loss.credit, loss.partner_id), (200.0, 0.0, self.insurer))
        self.assertEqual((receivable.debit, receivable.credit), (0.0, 200.0))
        self.assertEqual(receivable.account_id, invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable").account_id)
        self.assertTrue(receivable.reconciled)
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(case.amount_insurer_outstanding, 0.0)
        self.assertEqual(self._writeoff_balance(), 200.0)

        with self.assertRaisesRegex(UserError, "already recorded"):
            case._record_insurer_shortfall(10.0, "again")
        self.assertEqual(self._writeoff_balance(), 200.0)

    def test_bad_input_changes_nothing(self):
        case = self._settled_case()
        self._insurer_pays(case, 2300.0)
        with self.assertRaisesRegex(UserError, "must be positive"):
            case._record_insurer_shortfall(0.0, "残值扣除")
        with self.assertRaisesRegex(UserError, "cannot pay .* short"):
            case._record_insurer_shortfall(250.0, "残值扣除")
        with self.assertRaisesRegex(UserError, "Say why"):
            case._record_insurer_shortfall(200.0, "  ")
        # The cashier takes payments; the insurance clerk writes off.
        with self.assertRaisesRegex(AccessError, "Only the insurance clerk"):
            case.with_user(self.cashier)._record_insurer_shortfall(200.0, "残值扣除")
        # Nor does a direct write skip the step.
        with self.assertRaisesRegex(UserError, "only its business step"):
            case.write({"writeoff_state": "to_book", "writeoff_amount": 200.0})
        with self.assertRaisesRegex(UserError, "only its business step"):
            case.sudo().writeoff_amount = 200.0  # sudo: not even the superuser
        # Without the shortfall account, the clerk is told where to set it.
        self.company.aftersales_insurance_writeoff_account_id = False
        with self.assertRaisesRegex(UserError, "insurer shortfall account"):
            case._record_insurer_shortfall(200.0, "残值扣除")
        self.assertEqual((case.writeoff_state, case.writeoff_amount, case.writeoff_reason), ("none", 0.0, False))
        self.assertEqual(case.amount_insurer_outstanding, 200.0)
        self.assertEqual(self._writeoff_balance(), 0.0)

    def test_not_settled_case_refused(self):
        order = self._accident_order()
        case = self._case(order)
        with self.assertRaisesRegex(UserError, "is not settled"):
            case._record_insurer_shortfall(100.0, "残值扣除")
        self.assertEqual(case.writeoff_state, "none")

    def test_payment_write_off_refused_for_the_case_invoice(self):
        """Odoo's 'mark as fully paid' would skip the step and its approval rules."""
        case = self._settled_case()
        with self.assertRaisesRegex(UserError, "written off by the step"):
            self._insurer_pays(case, 2300.0, difference="reconcile")
        invoice = self._insurer_invoices(case)
        self.assertEqual(invoice.amount_residual, 2500.0)
        self.assertFalse(invoice.matched_payment_ids)
        self.assertEqual(self._writeoff_balance(), 0.0)
        # Paid in full, nothing is written off: the payment goes through.
        self._insurer_pays(case, 2500.0, difference="reconcile")
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(case.amount_insurer_outstanding, 0.0)
