import ast
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import AccountCase


@tagged("post_install", "-at_install")
class TestGroupPayment(AccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.today = today
        cls.orders = [cls._order(f"浙A·P100{index}") for index in range(3)]
        cls.invoices = [
            cls._settled_invoice(cls.insurer, "insurance", amount, today - timedelta(days=age),
                                 order=order, reference=f"RDAA202611000{index}")
            for index, (amount, age, order) in enumerate(
                zip((4000.0, 3500.0, 3000.0), (95, 45, 5), cls.orders, strict=True)
            )
        ]
        cls.invoice_1, cls.invoice_2, cls.invoice_3 = cls.invoices

    def _all(self):
        return self.invoice_1 | self.invoice_2 | self.invoice_3

    def test_one_payment_against_three_invoices_leaves_500_on_the_third(self):
        self._pay(self._all(), 10000.0, self.today)
        payments = self.env["account.payment"].search([("partner_id", "=", self.insurer.id)])
        self.assertEqual(payments.mapped("amount"), [10000.0], "one payment, not one per invoice")
        self.assertEqual(
            [(move.amount_residual, move.payment_state) for move in self.invoices],
            [(0.0, "paid"), (0.0, "paid"), (500.0, "partial")],
        )
        # What stays open is traceable to its case: the receivables list and the aging show the claim number.
        action = self.env.ref("aftersales_account.account_move_aftersales_receivable_action")
        open_moves = self.env["account.move"].with_user(self.cashier).search(
            [*ast.literal_eval(action.domain), ("partner_id", "=", self.insurer.id)]
        )
        self.assertEqual(open_moves, self.invoice_3)
        self.assertEqual(open_moves.aftersales_payer_reference, "RDAA2026110002")
        aging = self.env["aftersales.receivable.aging"].with_user(self.cashier).search(
            [("partner_id", "=", self.insurer.id)]
        )
        self.assertEqual(
            [(row.move_id, row.work_order, row.license_plate, row.payer_reference, row.bucket, row.amount_residual)
             for row in aging],
            [(self.invoice_3, self.orders[2].name, "浙A·P1002", "RDAA2026110002", "0_30", 500.0)],
        )

    def test_aging_buckets_by_payer_type(self):
        self._settled_invoice(self.manufacturer, "warranty", 1200.0, self.today - timedelta(days=70))
        groups = self.env["aftersales.receivable.aging"].with_user(self.accountant)._read_group(
            [("partner_id", "in", (self.insurer | self.manufacturer).ids)],
            groupby=["payer_type"], aggregates=["amount_0_30:sum", "amount_31_60:sum", "amount_61_90:sum",
                                                "amount_90_plus:sum", "amount_residual:sum"],
        )
        self.assertEqual(sorted(groups), [
            ("insurance", 3000.0, 3500.0, 0.0, 4000.0, 10500.0),
            ("warranty", 0.0, 0.0, 1200.0, 0.0, 1200.0),
        ])

    def test_invoices_of_two_payers_refused(self):
        other = self._settled_invoice(self.manufacturer, "warranty", 100.0, self.today)
        with self.assertRaisesRegex(UserError, "One payment comes from one payer"):
            (self.invoice_1 | other).with_user(self.cashier).action_aftersales_register_group_payment()
        self.assertEqual(self.invoice_1.amount_residual, 4000.0)

    def test_bank_statement_line_reconciled_in_the_widget(self):
        """The insurer's transfer on the bank statement, matched in account_reconcile_oca's widget."""
        line = self.env["account.bank.statement.line"].create({
            "journal_id": self.bank_journal.id, "date": self.today, "amount": 7500.0,
            "partner_id": self.insurer.id, "payment_ref": "人保 理赔款 RDAA2026110000/01",
        })
        receivables = [invoice.line_ids.filtered(lambda item: item.account_id.account_type == "asset_receivable")
                       for invoice in (self.invoice_1, self.invoice_2)]
        with Form(line.with_user(self.accountant),
                  view="account_reconcile_oca.bank_statement_line_form_reconcile_view") as form:
            for receivable in receivables:
                form.add_account_move_line_id = receivable
            self.assertTrue(form.can_reconcile)
        line.with_user(self.accountant).reconcile_bank_line()
        self.assertTrue(line.is_reconciled)
        self.assertEqual([invoice.amount_residual for invoice in self.invoices], [0.0, 0.0, 3000.0])
