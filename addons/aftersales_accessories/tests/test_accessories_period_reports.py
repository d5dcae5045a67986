from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase

# A Wednesday, 14:00 in Hangzhou (years after the demo dealership's sales).
WEDNESDAY = datetime(2030, 1, 9, 6, 0)


@tagged("post_install", "-at_install")
class TestAccessoriesPeriodReports(VisitCase):
    """精品日报/周报/月报: the figures of the period, mailed once by the scheduled action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accessories_clerk = new_test_user(cls.env, login="report_accessories_clerk", name="陈精品",
                                              groups="aftersales_accessories.group_accessories_clerk")
        cls.manager.email = "wangjianguo@xihu-auto.example.com"
        cls.company.aftersales_accessories_report_email = "jingpin@group.example.com"
        cls.company.aftersales_parts_issue_required = False
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.dashcam.installation_hours = 1.5
        cls.floor_mats = cls._make_part("全包围脚垫 Floor mats", "5GG061500", 680.0, 300.0)
        cls.floor_mats.installation_hours = 0.25

    def _accessory_sale(self, product, quantity):
        order = self.env["sale.order"].with_user(self.accessories_clerk).create({
            "partner_id": self.customer.id, "aftersales_sale_kind": "accessory",
            "aftersales_vehicle_id": self.vehicle.id, "installation_date": datetime(2030, 2, 20, 9, 0),
            "signature": SIGNATURE, "signed_by": "王小明",
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": quantity})],
        })
        order.action_confirm()
        return order

    def _install(self, order):
        installation = order.installation_repair_id.with_user(self.advisor)  # the advisor's workshop steps
        installation.action_repair_start()
        installation.job_ids.action_mark_done()

    def _reports(self):
        return self.env["aftersales.accessories.report"].search([("company_id", "=", self.company.id)])

    def test_periods_due(self):
        Report = self.env["aftersales.accessories.report"]
        self.assertEqual(Report._periods_due(date(2026, 12, 2)), [("daily", date(2026, 12, 2), date(2026, 12, 2))])
        self.assertEqual(Report._periods_due(date(2026, 12, 5)), [
            ("daily", date(2026, 12, 5), date(2026, 12, 5)), ("weekly", date(2026, 11, 30), date(2026, 12, 5)),
        ])
        self.assertEqual(Report._periods_due(date(2027, 1, 1)), [
            ("daily", date(2027, 1, 1), date(2027, 1, 1)), ("monthly", date(2026, 12, 1), date(2026, 12, 31)),
        ])

    def test_daily_report_figures_mailed_once(self):
        with freeze_time(datetime(2030, 1, 8, 3, 0)):  # yesterday: not in today's report
            self._accessory_sale(self.floor_mats, 1)
        with freeze_time(WEDNESDAY):
            dashcam_sale = self._accessory_sale(self.dashcam, 1)
            mats_sale = self._accessory_sale(self.floor_mats, 2)
            self._install(dashcam_sale)
        self.assertEqual((dashcam_sale.amount_total, dashcam_sale.amount_untaxed), (1280.0, 1132.74))
        self.assertEqual((mats_sale.amount_total, mats_sale.amount_untaxed), (1360.0, 1203.54))
        Mail = self.env["mail.mail"]
        mails_before = Mail.search_count([])

        with freeze_time(datetime(2030, 1, 9, 8, 30)):  # 16:30 in Hangzhou
            self.env["aftersales.accessories.report"]._cron_send_reports()
        report = self._reports()
        self.assertRecordValues(report, [{
            "kind": "daily", "date_from": date(2030, 1, 9), "date_to": date(2030, 1, 9), "state": "sent",
            "sale_count": 2, "sale_amount": 2640.0, "sale_amount_untaxed": 2336.28,
            "installation_count": 1, "installation_amount": 1280.0,
        }])
        self.assertRecordValues(report.line_ids, [
            {"product_id": self.floor_mats.id, "quantity": 2.0, "amount": 1360.0},
            {"product_id": self.dashcam.id, "quantity": 1.0, "amount": 1280.0},
        ])
        mail = Mail.search([("model", "=", "aftersales.accessories.report"), ("res_id", "=", report.id)])
        self.assertEqual(len(mail), 1)
        self.assertIn("jingpin@group.example.com", mail.email_to)
        self.assertIn("wangjianguo@xihu-auto.example.com", mail.email_to)
        self.assertEqual(len(mail.attachment_ids), 1, "the PDF goes with the mail")
        self.assertEqual(Mail.search_count([]), mails_before + 1)

        # Run again (a second run, a restart): the day's report is sent already, nothing is mailed twice, and
        # the figures stay as they were sent.
        with freeze_time(WEDNESDAY):
            self._install(mats_sale)
        with freeze_time(datetime(2030, 1, 9, 8, 45)):
            self.env["aftersales.accessories.report"]._cron_send_reports()
        self.assertEqual(self._reports(), report)
        self.assertEqual(Mail.search_count([]), mails_before + 1)
        self.assertEqual((report.installation_count, report.installation_amount), (1, 1280.0))
        with self.assertRaisesRegex(UserError, "already sent"):
            report.action_send()
        with self.assertRaisesRegex(UserError, "business step"):
            report.sudo().write({"sale_amount": 1.0})  # sudo: the superuser is refused too
        with self.assertRaisesRegex(UserError, "stay as they were sent"):
            report.with_user(self.accessories_clerk).action_refresh()

    def test_weekly_and_monthly_reports(self):
        with freeze_time(datetime(2029, 12, 31, 2, 0)):  # Monday of the week, in the month before
            monday_sale = self._accessory_sale(self.floor_mats, 1)
            self._install(monday_sale)
        with freeze_time(datetime(2030, 1, 5, 2, 0)):  # the Saturday
            self._accessory_sale(self.dashcam, 2)
        with freeze_time(datetime(2030, 1, 5, 8, 30)):
            self.env["aftersales.accessories.report"]._cron_send_reports()
        weekly = self._reports().filtered(lambda report: report.kind == "weekly")
        self.assertRecordValues(weekly, [{
            "date_from": date(2029, 12, 31), "date_to": date(2030, 1, 5), "state": "sent",
            "sale_count": 2, "sale_amount": 3240.0, "installation_count": 1, "installation_amount": 680.0,
        }])
        with freeze_time(datetime(2030, 2, 1, 8, 30)):
            self.env["aftersales.accessories.report"]._cron_send_reports()
        monthly = self._reports().filtered(lambda report: report.kind == "monthly")
        self.assertRecordValues(monthly, [{
            "date_from": date(2030, 1, 1), "date_to": date(2030, 1, 31), "state": "sent",
            "sale_count": 1, "sale_amount": 2560.0, "installation_count": 0, "installation_amount": 0.0,
        }])
        self.assertEqual(sorted(self._reports().mapped("kind")), ["daily", "daily", "monthly", "weekly"])

    def test_clerk_builds_and_prints_the_day(self):
        with freeze_time(WEDNESDAY):
            self._accessory_sale(self.dashcam, 1)
            report = self.env["aftersales.accessories.report"].with_user(self.accessories_clerk)._build(
                self.company, "daily", date(2030, 1, 9), date(2030, 1, 9))
            self.assertEqual((report.sale_count, report.sale_amount), (1, 1280.0))
            self._accessory_sale(self.floor_mats, 1)
            report.with_user(self.accessories_clerk).action_refresh()
            self.assertEqual((report.sale_count, report.sale_amount), (2, 1960.0))
            again = self.env["aftersales.accessories.report"]._build(
                self.company, "daily", date(2030, 1, 9), date(2030, 1, 9))
            self.assertEqual(again, report, "one report per day")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_accessories.action_report_accessories_report", report.ids)[0].decode()
        self.assertIn("Daily Report", html)
        self.assertIn("行车记录仪", html)
