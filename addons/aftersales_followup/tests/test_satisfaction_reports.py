from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common_followup import FollowupCase

REPORT = "aftersales_followup.action_report_satisfaction_mailing"


@tagged("post_install", "-at_install")
class TestSatisfactionReports(FollowupCase):
    """The handbook's daily problem list, Monday weekly report and monthly report, on constructed calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.write({"email": "wang.jianguo@example.com", "name": "王建国"})
        cls.company.aftersales_followup_max_attempts = 1
        cls.company.aftersales_lost_after_months = 12

    def setUp(self):
        super().setUp()
        self._set_other_vehicles_aside()
        # Three visits delivered on Monday 1 June 2026; the agents call on Tuesday and Wednesday.
        self.orders = [self._delivered_order(datetime(2026, 6, 1, hour, 0), mileage=41000 + 100 * hour)
                       for hour in (1, 2, 3)]
        satisfied, problem, unreachable = (self._as_agent(order.followup_call_ids) for order in self.orders)
        with freeze_time("2026-06-02 07:30:00"):
            satisfied._record_outcome("satisfied", "服务很好，车洗得很干净", 5)
        with freeze_time("2026-06-02 08:00:00"):
            problem._record_outcome("problem", "刹车还有异响", 2)
            # sudo: the test sets up a major complaint directly, not a step under test
            problem.complaint_id.sudo().severity = "major"
        with freeze_time("2026-06-03 07:30:00"):
            unreachable._record_outcome("unreachable")
        self.problem_call = problem
        self.complaint = problem.complaint_id

    def test_daily_problem_list(self):
        values = self.env["aftersales.satisfaction.summary"]._daily_values(date(2026, 6, 2), self.company)
        self.assertEqual((values["calls"], values["problems"], values["reached"]), (2, 1, 2))
        self.assertEqual(values["problem_calls"], self.problem_call)
        self.assertTrue(self.complaint.owner_id, "someone handles it")
        self.assertEqual(str(self.complaint.deadline), "2026-06-04", "two days to handle it")
        values = self.env["aftersales.satisfaction.summary"]._daily_values(date(2026, 6, 3), self.company)
        self.assertEqual((values["calls"], values["problems"], values["unreachable"]), (1, 0, 1))

    def test_weekly_report(self):
        values = self.env["aftersales.satisfaction.summary"]._weekly_values(date(2026, 6, 1), self.company)
        self.assertEqual((values["date_from"], values["date_to"]), (date(2026, 6, 1), date(2026, 6, 7)))
        # 3 calls: 2 reached (1 satisfied, 1 problem), 1 unreachable; scores 5 and 2.
        self.assertEqual((values["calls"], values["reached"], values["satisfied"], values["unreachable"]),
                         (3, 2, 1, 1))
        self.assertEqual(values["satisfied_rate"], 50.0)
        self.assertEqual(values["average_score"], 3.5)
        self.assertEqual(values["by_department"], [("overall", 3.5, 2)])
        self.assertEqual(values["problem_calls"], self.problem_call)

    def _lost_customers(self):
        """One customer vehicle lost in May, one in June, two still coming: June's churn is 1 of 4."""
        Vehicle = self.env["fleet.vehicle"]
        vehicles = {}
        for name, plate, sale_date in (("钱先生", "浙A·L0ST5", "2023-01-10"), ("孙女士", "浙A·L0ST6", "2025-06-01"),
                                       ("周先生", "浙A·NEW01", "2026-01-01"), ("吴女士", "浙A·NEW02", "2026-02-01")):
            owner = self.env["res.partner"].create({"name": name})
            vehicles[plate] = self._create_vehicle(customer_id=owner.id, license_plate=plate, sale_date=sale_date)
        with freeze_time("2026-05-20"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1)
        with freeze_time("2026-06-15"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1)
        return vehicles

    def test_monthly_report(self):
        vehicles = self._lost_customers()
        other = self.env["aftersales.complaint"].with_user(self.advisor).create({
            "partner_id": self.customer.id, "description": "接待等待时间太长", "department": "reception",
            "category": "time", "complaint_date": "2026-06-05", "deadline": "2026-06-07",
        })
        other.resolution = "向客户道歉并赠送洗车券"
        other.with_user(self.manager).action_resolve()
        values = self.env["aftersales.satisfaction.summary"]._summary_values(date(2026, 6, 1), self.company)
        self.assertEqual((values["calls"], values["satisfied"], values["average_score"]), (3, 1, 3.5))
        self.assertEqual((values["delivered"], values["complaints"], values["major_complaints"],
                          values["complaints_resolved"]), (3, 2, 1, 1))
        self.assertAlmostEqual(values["major_complaint_rate"], 100.0 / 3)
        self.assertEqual(values["complaint_records"], self.complaint | other)
        self.assertEqual(dict(values["complaints_by_department"]), {"workshop": 1, "reception": 1})
        # Lost in June: 1; customer vehicles not lost before June: ours, the one lost in June and the two new.
        self.assertEqual((values["lost"], values["active_customers"]), (1, 4))
        self.assertEqual(values["churn_rate"], 25.0)
        self.assertTrue(vehicles["浙A·L0ST6"].is_lost)

    def test_pdf_renders_with_the_company_header(self):
        self._lost_customers()
        Summary = self.env["aftersales.satisfaction.summary"]
        with freeze_time("2026-07-03 01:00:00"):
            mails = Summary._cron_send_period_reports("monthly")
        mailing = self.env["aftersales.satisfaction.mailing"].search([
            ("mail_id", "in", mails.ids), ("company_id", "=", self.company.id)])
        self.assertEqual((mailing.kind, mailing.date_from, mailing.date_to),
                         ("monthly", date(2026, 6, 1), date(2026, 6, 30)))
        html = self.env["ir.actions.report"]._render_qweb_html(REPORT, mailing.ids)[0].decode()
        self.assertIn(self.company.name, html, "the company header")
        self.assertIn(f"o_company_{self.company.id}_layout", html)
        self.assertIn(self.complaint.name, html)
        self.assertIn("刹车还有异响", html)
        self.assertIn("25.00", html, "the churn rate")
        # The manager reprints it from the list of reports sent.
        html = self.env["ir.actions.report"].with_user(self.manager)._render_qweb_html(REPORT, mailing.ids)[0]
        self.assertIn(self.complaint.name, html.decode())

    def test_each_period_is_mailed_once(self):
        Summary = self.env["aftersales.satisfaction.summary"]
        Mailing = self.env["aftersales.satisfaction.mailing"]
        for now, kind, period in (("2026-06-03 00:30:00", "daily", date(2026, 6, 2)),
                                  ("2026-06-08 00:45:00", "weekly", date(2026, 6, 1)),
                                  ("2026-07-03 01:00:00", "monthly", date(2026, 6, 1))):
            with freeze_time(now):
                mails = Summary._cron_send_period_reports(kind)
                mail = mails.filtered(lambda m: "wang.jianguo@example.com" in m.email_to)
                self.assertEqual(len(mail), 1, kind)
                self.assertEqual(len(mail.attachment_ids), 1, "the report's PDF")
                self.assertTrue(mail.attachment_ids.name.endswith(".pdf"))
                mailing = Mailing.search([("kind", "=", kind), ("company_id", "=", self.company.id)])
                self.assertEqual((mailing.date_from, mailing.mail_id), (period, mail))
                self.assertFalse(Summary._cron_send_period_reports(kind), f"{kind}: nothing sent twice")
            self.assertEqual(Mailing.search_count([("kind", "=", kind), ("company_id", "=", self.company.id)]), 1)
        # The scheduled action run again the next day sends the next day's list only.
        with freeze_time("2026-06-04 00:30:00"):
            self.assertEqual(len(Summary._cron_send_period_reports("daily").filtered(
                lambda m: "wang.jianguo@example.com" in m.email_to)), 1)
        self.assertEqual(Mailing.search_count([("kind", "=", "daily"), ("company_id", "=", self.company.id)]), 2)

    def test_reports_sent_are_kept_by_their_step(self):
        with freeze_time("2026-06-03 00:30:00"):
            self.env["aftersales.satisfaction.summary"]._cron_send_period_reports("daily")
        mailing = self.env["aftersales.satisfaction.mailing"].search([("company_id", "=", self.company.id)])
        with self.assertRaisesRegex(Exception, "business step"):
            mailing.date_from = "2026-06-01"
        with self.assertRaisesRegex(Exception, "business step"):
            self.env["aftersales.satisfaction.mailing"].create({
                "company_id": self.company.id, "kind": "daily", "date_from": "2026-06-05", "date_to": "2026-06-05",
            })
