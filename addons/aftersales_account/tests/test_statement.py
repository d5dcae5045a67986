import io

import openpyxl

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import AccountCase, day


@tagged("post_install", "-at_install")
class TestStatement(AccountCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_1 = cls._order("浙A·S1001")
        cls.order_2 = cls._order("浙A·S1002")
        # Before the period: 1 000.00 still open.
        cls.old = cls._settled_invoice(cls.insurer, "insurance", 1000.0, day("2026-10-15"), reference="RDAA2026100001")
        cls.inv_1 = cls._settled_invoice(cls.insurer, "insurance", 4000.0, day("2026-11-05"), order=cls.order_1,
                                         reference="RDAA2026110001")
        cls.inv_2 = cls._settled_invoice(cls.insurer, "insurance", 3500.0, day("2026-11-10"), order=cls.order_2,
                                         reference="RDAA2026110002")
        cls.refund = cls._settled_invoice(cls.insurer, "insurance", 500.0, day("2026-11-12"), order=cls.order_2,
                                          reference="RDAA2026110002", move_type="out_refund")
        # After the period: not on the statement.
        cls._settled_invoice(cls.insurer, "insurance", 800.0, day("2026-12-01"), reference="RDAA2026120001")
        # Another payer's invoice: not on it either.
        cls._settled_invoice(cls.manufacturer, "warranty", 999.0, day("2026-11-06"))

    def _wizard(self, user=None):
        return self.env["aftersales.statement.wizard"].with_user(user or self.accountant).create({
            "partner_id": self.insurer.id, "date_from": "2026-11-01", "date_to": "2026-11-30",
        })

    def test_statement_lines_and_balances(self):
        self._pay(self.inv_1 | self.inv_2, 6000.0, day("2026-11-20"))
        statement = self._wizard()._statement_data()
        self.assertEqual(statement["opening"], 1000.0)
        rows = [("refund" if line["number"] == self.refund.name else line["kind"], line["work_order"], line["plate"],
                 line["reference"], line["debit"] - line["credit"], line["residual"], line["balance"])
                for line in statement["lines"]]
        self.assertEqual(rows, [
            ("Invoice", self.order_1.name, "浙A·S1001", "RDAA2026110001", 4000.0, 0.0, 5000.0),
            ("Invoice", self.order_2.name, "浙A·S1002", "RDAA2026110002", 3500.0, 1500.0, 8500.0),
            # A credit note: in red ink (红字, a negative debit) on Chinese books, a credit elsewhere.
            ("refund", self.order_2.name, "浙A·S1002", "RDAA2026110002", -500.0, -500.0, 8000.0),
            ("Payment", "", "", statement["lines"][3]["reference"], -6000.0, 0.0, 2000.0),
        ])
        self.assertEqual((statement["debit"] - statement["credit"], statement["closing"]), (1000.0, 2000.0))
        # At the period's end: the old invoice 46 days past due, the rest within 30 days.
        self.assertEqual([amount for _label, amount in statement["aging"]], [1000.0, 1000.0, 0.0, 0.0])

    def test_cashier_prints_pdf_with_company_header(self):
        wizard = self._wizard(self.cashier)
        action = wizard.action_print_pdf()
        self.assertEqual(action["report_name"], "aftersales_account.report_aftersales_statement")
        html, _kind = self.env["ir.actions.report"].with_user(self.cashier)._render_qweb_html(
            "aftersales_account.report_aftersales_statement", wizard.ids
        )
        html = html.decode()
        self.assertIn(self.company.name, html, "the company header")
        self.assertIn(self.inv_1.name, html)
        self.assertIn("RDAA2026110001", html)
        self.assertIn("浙A·S1001", html)
        self.assertIn("Statement of Account", html)
        self.assertIn("7,000.00", html, "the closing balance: 1000 + 4000 + 3500 - 500")

    def test_spreadsheet_has_the_same_figures(self):
        wizard = self._wizard(self.cashier)
        self.assertEqual(wizard.action_export_xlsx()["report_type"], "xlsx")
        content, kind = self.env["ir.actions.report"].with_user(self.cashier)._render_xlsx(
            "aftersales_account.report_aftersales_statement_xlsx", wizard.ids, {}
        )
        self.assertEqual(kind, "xlsx")
        self.assertTrue(content.startswith(b"PK"), "an xlsx is a zip archive")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
        self.assertIn(self.inv_1.name, values)
        self.assertIn("RDAA2026110002", values)
        self.assertEqual(sheet.cell(row=5, column=10).value, 1000.0, "opening balance")
        self.assertIn(7000.0, values, "the closing balance before any payment: 1000 + 4000 + 3500 - 500")

    def test_period_ending_before_it_starts_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.env["aftersales.statement.wizard"].with_user(self.accountant).create({
                "partner_id": self.insurer.id, "date_from": "2026-11-30", "date_to": "2026-11-01",
            })
