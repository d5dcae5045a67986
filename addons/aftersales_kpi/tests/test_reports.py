import json
import re

from odoo.tests import tagged
from odoo.tools import SQL

from .test_kpi import KpiCase


def _cell(html, name):
    """The text of the report's cell ``name``, without its markup and spaces."""
    match = re.search(rf'name="{name}"[^>]*>(.*?)</td>', html, re.S)
    return re.sub(r"<[^>]+>|\s|&nbsp;|\xa0", "", match.group(1)) if match else None


@tagged("post_install", "-at_install")
class TestKpiReports(KpiCase):
    def _keep_only(self, orders):
        """The day's figures of the test's orders only: the demo dealership's orders of today do not count."""
        self.env.cr.execute(SQL("DELETE FROM aftersales_kpi_visit WHERE repair_id != ALL(%s)", orders.ids))

    def test_daily_report(self):
        orders = self._build_day()
        # The day's figures of the test's company; the demo's orders of other days do not count.
        self._keep_only(orders)
        html = self.env["ir.actions.report"].with_user(self.kpi_manager)._render_qweb_html(
            "aftersales_kpi.report_daily", self.company.ids, data={"date": str(self.today)},
        )[0].decode()
        self.assertIn("After-sales Daily Report", html)
        self.assertIn(self.company.name, html, "the dealer's header")
        self.assertIn("Service Manager", html, "the manager signs it")
        self.assertEqual(_cell(html, "cars_in"), "3")
        self.assertEqual(_cell(html, "maintenance_in"), "1")
        self.assertEqual(_cell(html, "delivered"), "3")
        self.assertEqual(_cell(html, "open"), "0")
        self.assertEqual(_cell(html, "settled"), "2")
        self.assertIn("1,076.10", _cell(html, "revenue"))
        self.assertIn("102.65", _cell(html, "revenue_parts"))
        self.assertIn("899.11", _cell(html, "revenue_customer"))
        self.assertIn("176.99", _cell(html, "revenue_warranty"))
        # The arrears: every open after-sales receivable of the company, the day's unpaid invoices among them.
        arrears = sum(line["amount"] for line in self.env["aftersales.kpi.visit"]._arrears(self.company))
        # sudo: the test reads the invoices to compare, beyond the report user's rights
        invoices = orders.sudo().aftersales_invoice_ids.filtered(lambda move: move.move_type == "out_invoice")
        self.assertGreaterEqual(arrears, sum(invoices.mapped("amount_residual")))
        self.assertIn(f"{arrears:,.2f}", _cell(html, "arrears_total"))

    def test_statistics_report(self):
        orders = self._build_day()
        self._keep_only(orders)
        html = self.env["ir.actions.report"].with_user(self.kpi_manager)._render_qweb_html(
            "aftersales_kpi.report_statistics", self.company.ids,
            data={"date_from": str(self.today), "date_to": str(self.today)},
        )[0].decode()
        self.assertIn("After-sales Business Statistics", html)
        self.assertEqual(_cell(html, "total_cars_in"), "3")
        self.assertEqual(_cell(html, "total_settled"), "2")
        self.assertIn("1,076.10", _cell(html, "total_revenue"))
        rows = self.env["aftersales.kpi.visit"]._statistics_rows(self.company, self.today, self.today)
        by_category = {row["category"].code: (row["cars_in"], row["settled"], row["revenue"]) for row in rows}
        self.assertEqual(by_category, {
            "maintenance": (1, 1, 368.14), "warranty": (1, 1, 707.96), "general": (1, 0, 0.0),
        })

    def test_reports_mailed_to_managers(self):
        self._build_day()
        self.kpi_manager.email = "wang.jianguo@xihu-auto.example.com"
        mails = self.env["res.company"]._cron_aftersales_kpi_reports("daily")
        mail = mails.filtered(lambda mail: self.kpi_manager.partner_id in mail.recipient_ids)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertTrue(mail.attachment_ids.raw, "the report rendered (as HTML when tests run without wkhtmltopdf)")
        for kind in ("weekly", "monthly"):
            self.assertTrue(self.env["res.company"]._cron_aftersales_kpi_reports(kind))

    def test_manager_dashboard_loads(self):
        dashboard = self.env.ref("aftersales_kpi.spreadsheet_dashboard_aftersales_manager").with_user(self.kpi_manager)
        data = json.loads(dashboard._get_serialized_readonly_dashboard())
        pivots = data["snapshot"]["pivots"]
        self.assertEqual({pivot["model"] for pivot in pivots.values()},
                         {"aftersales.kpi.visit", "aftersales.reminder", "aftersales.kpi.reminder"})
        # The satisfaction, complaint, reminder conversion and renewal figures are on the cards.
        cards = [figure["data"]["title"]["text"] for figure in data["snapshot"]["sheets"][0]["figures"]
                 if figure["data"]["type"] == "scorecard"]
        for label in ("Satisfaction Score (CSI)", "Complaint Rate", "Reminder Conversion Rate",
                      "Insurance Renewal Rate"):
            self.assertIn(label, cards)
        # Every measure and dimension the dashboard reads is a field the manager reads.
        for pivot in pivots.values():
            Model = self.env[pivot["model"]].with_user(self.kpi_manager)
            fields_read = [measure["fieldName"] for measure in pivot["measures"] if measure["fieldName"] != "__count"]
            groupby = [row["fieldName"] for row in pivot["rows"]]
            Model.check_access("read")
            Model._read_group(pivot["domain"], groupby, ["__count", *(f"{name}:sum" for name in fields_read)])
        self.assertIn(dashboard, self.env["spreadsheet.dashboard"].with_user(self.kpi_manager).search([]))
        advisor_dashboard = self.env.ref("aftersales_kpi.spreadsheet_dashboard_aftersales_advisor")
        self.assertIn(advisor_dashboard, self.env["spreadsheet.dashboard"].with_user(self.advisor).search([]))
        self.assertNotIn(dashboard, self.env["spreadsheet.dashboard"].with_user(self.advisor).search([]))
        lists = json.loads(advisor_dashboard.with_user(self.advisor)._get_serialized_readonly_dashboard())[
            "snapshot"]["lists"]
        Order = self.env["repair.order"].with_user(self.advisor)
        for spreadsheet_list in lists.values():
            Order.search_read(spreadsheet_list["domain"], spreadsheet_list["columns"], limit=5)
