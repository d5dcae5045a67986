from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestFollowup(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only our agents count: the demo's agent belongs to no test company of its own.
        agents = cls.env.ref("aftersales_reception.group_followup_agent").all_user_ids.filtered(
            lambda user: not user.has_group("aftersales_reception.group_service_manager")
        )
        agents.write({"group_ids": [(3, cls.env.ref("aftersales_reception.group_followup_agent").id)]})
        cls.agent_lin = new_test_user(cls.env, login="fu_agent_lin", name="林晓",
                                      groups="aftersales_reception.group_followup_agent")
        cls.agent_xu = new_test_user(cls.env, login="fu_agent_xu", name="许倩",
                                     groups="aftersales_reception.group_followup_agent")
        cls.customer.write({"call_time_from": 15.0, "call_time_to": 18.0, "tz": "Asia/Shanghai"})

    def _delivered_order(self, delivered_at, mileage=41000, followup_preferred_date=False):
        with freeze_time(delivered_at):
            order = self._approved_order(concerns=("保养",), hours=(1.0,), mileage=mileage)
            order.action_repair_start()
            order.job_ids.action_mark_done()
            self._end_repair(order)
            order._record_delivery(mileage + 10, False, mileage + 5010,
                                   followup_preferred_date=followup_preferred_date)
        return order

    @staticmethod
    def _as_agent(call):
        return call.with_user(call.agent_id)

    def test_call_for_the_right_agent_and_day(self):
        order = self._delivered_order(datetime(2026, 6, 1, 4, 0))
        call = order.followup_call_ids
        self.assertEqual(len(call), 1)
        # Three days later at 15:00 in Shanghai, the start of the customer's window.
        self.assertEqual(call.due_date, datetime(2026, 6, 4, 7, 0))
        self.assertIn(call.agent_id, self.agent_lin | self.agent_xu)
        self.assertNotEqual(call.agent_id, order.user_id)
        # The next call goes to the other agent: the load is levelled.
        second = self._delivered_order(datetime(2026, 6, 1, 5, 0), mileage=41100)
        self.assertEqual(call.agent_id | second.followup_call_ids.agent_id, self.agent_lin | self.agent_xu)

    def test_advisor_never_calls_their_own_customer(self):
        order = self._delivered_order(datetime(2026, 6, 1, 4, 0))
        with self.assertRaisesRegex(ValidationError, "another person"):
            order.followup_call_ids.sudo().agent_id = order.user_id

    def test_preferred_time_chosen_at_delivery(self):
        preferred = datetime(2026, 6, 5, 2, 30)
        order = self._delivered_order(datetime(2026, 6, 1, 4, 0), followup_preferred_date=preferred)
        self.assertEqual(order.followup_call_ids.due_date, preferred)

    def test_unreachable_retries_then_gives_up(self):
        self.company.aftersales_followup_max_attempts = 3
        call = self._as_agent(self._delivered_order(datetime(2026, 6, 1, 4, 0)).followup_call_ids)
        call._record_outcome("unreachable")
        self.assertEqual((call.state, call.attempt_count), ("to_call", 1))
        self.assertEqual(call.due_date, datetime(2026, 6, 5, 7, 0), "the next day, same window")
        call._record_outcome("unreachable")
        call._record_outcome("unreachable")
        self.assertEqual((call.state, call.outcome, call.attempt_count), ("done", "unreachable", 3))
        with self.assertRaisesRegex(UserError, "already closed"):
            call._record_outcome("satisfied", "很好", 5)

    def test_satisfied_call_books_a_second_one_and_a_reading(self):
        call = self._as_agent(self._delivered_order(datetime(2026, 6, 1, 4, 0)).followup_call_ids)
        with self.assertRaisesRegex(UserError, "own words"):
            call._record_outcome("satisfied")
        with freeze_time("2026-06-04 07:10:00"):
            call.write({"customer_words": "接待很快，车洗得很干净", "score": 5, "mileage": 41300})
            call.action_outcome_satisfied()
        self.assertEqual(call.state, "done")
        self.assertEqual(self.vehicle.current_mileage, 41300)
        second = call.repair_id.followup_call_ids - call
        self.assertEqual(second.kind, "second")
        self.assertEqual(second.due_date.date(), datetime(2026, 6, 11).date())

    def test_problem_opens_a_complaint_and_the_closing_call(self):
        call = self._as_agent(self._delivered_order(datetime(2026, 6, 1, 4, 0)).followup_call_ids)
        call._record_outcome("problem", "刹车还有异响，等了很久", 2)
        complaint = call.complaint_id
        self.assertEqual((complaint.state, complaint.source), ("open", "follow_up"))
        self.assertEqual(complaint.repair_id, call.repair_id)
        self.assertTrue(complaint.activity_ids, "the responsible person is told")
        with self.assertRaisesRegex(UserError, "how the complaint was resolved"):
            complaint.action_resolve()
        complaint.write({"root_cause": "刹车片安装不到位", "resolution": "免费返工并赠送保养一次",
                         "technician_id": self.foreman.id})
        complaint.action_resolve()
        closing = complaint.closing_call_id
        self.assertEqual((closing.kind, closing.state), ("closing", "to_call"))
        complaint.customer_accepted = True
        with self.assertRaisesRegex(UserError, "closing call first"):
            complaint.action_close()
        self._as_agent(closing)._record_outcome("satisfied", "问题已经解决了", 4)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")

    def test_overdue_complaint_is_escalated_once(self):
        complaint = self.env["aftersales.complaint"].create({
            "partner_id": self.customer.id, "description": "结算金额和估价不一致", "severity": "major",
            "category": "price", "deadline": "2026-06-03",
        })
        Complaint = self.env["aftersales.complaint"]
        with freeze_time("2026-06-03 10:00:00"):
            self.assertEqual(Complaint._cron_escalate_overdue(), 0, "not overdue on its deadline")
        with freeze_time("2026-06-04 10:00:00"):
            self.assertEqual(Complaint._cron_escalate_overdue(), 1)
            self.assertTrue(complaint.is_escalated)
            self.assertEqual(Complaint._cron_escalate_overdue(), 0, "escalated once")
        self.assertTrue(complaint.activity_ids.filtered(lambda a: "Overdue" in (a.summary or "")))

    def test_questionnaire_gives_the_score(self):
        call = self._as_agent(self._delivered_order(datetime(2026, 6, 1, 4, 0)).followup_call_ids)
        action = call.action_open_questionnaire()
        answers = call.survey_user_input_id
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(answers.access_token, action["url"])
        self.assertEqual(answers.partner_id, self.customer)
        survey = answers.survey_id.sudo()
        # The customer is "satisfied" (4 of 5) on every scored question.
        for question in survey.question_ids.filtered(lambda q: q.question_type == "simple_choice"):
            satisfied = question.suggested_answer_ids.filtered(lambda a: a.answer_score == 4)
            answers.sudo()._save_lines(question, satisfied.id)
        suggestions = survey.question_ids.filtered(lambda q: q.question_type == "text_box")
        answers.sudo()._save_lines(suggestions, "希望周末也能预约")
        answers.sudo()._mark_done()
        self.assertEqual(round(answers.sudo().scoring_percentage), 80)
        call._record_outcome("satisfied", "都挺好，希望周末也能预约")
        self.assertEqual(call.score, 4, "the questionnaire's score on the 1-5 scale")
        # CSI per department: every scored answer of the questionnaire, averaged.
        self.env.flush_all()
        csi = dict(self.env["aftersales.satisfaction.report"]._read_group(
            [("call_id", "=", call.id)], ["department"], ["score:avg"]
        ))
        self.assertEqual(set(csi), {"reception", "workshop", "cashier", "parts", "overall"})
        self.assertEqual(set(csi.values()), {4.0})

    def test_lost_customers_and_win_back(self):
        Vehicle = self.env["fleet.vehicle"]
        Vehicle.search([("vehicle_usage", "=", "customer")]).write({"is_lost": True})  # only ours count here
        regular = self._delivered_order(datetime(2026, 3, 1, 4, 0)).vehicle_id
        gone_customer = self.env["res.partner"].create({"name": "钱先生"})
        gone = self._create_vehicle(customer_id=gone_customer.id, license_plate="浙A·L0ST1", sale_date="2024-01-10")
        self.company.aftersales_lost_after_months = 12
        regular.is_lost = False
        with freeze_time("2026-06-01"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1)
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 0, "flagged once")
        gone.invalidate_recordset()
        self.assertTrue(gone.is_lost)
        self.assertEqual((gone.winback_state, str(gone.lost_since)), ("to_call", "2026-06-01"))
        self.assertFalse(regular.is_lost, "came three months ago")
        with freeze_time("2027-04-01"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1, "thirteen months later the regular is lost")
        with self.assertRaisesRegex(UserError, "why the customer stopped"):
            gone.action_record_lost_reason(False)
        gone.action_record_lost_reason("other_dealer", "离家近的店更方便")
        self.assertEqual(gone.winback_state, "gone")
        with freeze_time("2027-04-20"):
            churn = {str(month): count for month, count, _rate in Vehicle._churn_by_month()}
        self.assertEqual(churn.get("2026-06-01"), 1, churn)
        # The regular comes back: a delivered visit wins the customer back.
        regular.invalidate_recordset()
        self.assertTrue(regular.is_lost)
        self._delivered_order(datetime(2027, 4, 20, 4, 0), mileage=60000)
        self.assertEqual((regular.is_lost, regular.winback_state), (False, "won_back"))

    def test_monthly_summary_on_the_third(self):
        self.manager.email = "wang.jianguo@example.com"
        call = self._as_agent(self._delivered_order(datetime(2026, 5, 10, 4, 0)).followup_call_ids)
        with freeze_time("2026-05-13 07:30:00"):
            call._record_outcome("satisfied", "服务很好", 5)
        problem = self._as_agent(self._delivered_order(datetime(2026, 5, 12, 4, 0), mileage=42000).followup_call_ids)
        with freeze_time("2026-05-15 07:30:00"):
            problem._record_outcome("problem", "等太久了", 2)
            problem.complaint_id.sudo().severity = "major"
        Summary = self.env["aftersales.satisfaction.summary"]
        values = Summary._summary_values(datetime(2026, 5, 1).date(), self.company)
        self.assertEqual((values["calls"], values["satisfied"], values["average_score"]), (2, 1, 3.5))
        self.assertEqual((values["delivered"], values["major_complaints"]), (2, 1))
        self.assertEqual(values["major_complaint_rate"], 50.0)
        with freeze_time("2026-06-03 01:00:00"):
            mails = Summary._cron_send_monthly_summary()
        mail = mails.filtered(lambda m: "wang.jianguo@example.com" in m.email_to)
        self.assertEqual(len(mail), 1)
        self.assertIn("3.5", mail.body_html)

    def test_reminders_due_on_the_right_day_and_never_twice(self):
        Reminder = self.env["aftersales.reminder"]
        self.env["fleet.vehicle"].search([("vehicle_usage", "=", "customer")]).write({"active": False})
        self.company.write({"aftersales_first_service_months": 3, "aftersales_first_service_km": 5000})
        owner = self.env["res.partner"].create({"name": "周女士", "birthday": "1988-06-20",
                                                "aftersales_contact_channel": "wechat"})
        new_car = self._create_vehicle(customer_id=owner.id, license_plate="浙A·N3W01", sale_date="2026-03-15")
        self.env["fleet.vehicle.odometer"].create({"vehicle_id": new_car.id, "value": 3000, "date": "2026-06-01",
                                                   "source": "manual"})
        new_car.write({"inspection_due_date": "2026-06-10", "insurance_expiry_date": "2026-07-30"})
        with freeze_time("2026-06-08"):
            created = Reminder._cron_generate_reminders(horizon_days=14)
        reminders = Reminder.search([("vehicle_id", "=", new_car.id)])
        by_kind = {reminder.kind: reminder for reminder in reminders}
        # First service: 3 months after the 15 March sale, before 5000 km at ~38 km/day.
        self.assertEqual(str(by_kind["first_service"].due_date), "2026-06-15")
        self.assertEqual(str(by_kind["inspection"].due_date), "2026-06-10")
        self.assertEqual(str(by_kind["birthday"].due_date), "2026-06-20")
        self.assertNotIn("insurance", by_kind, "the renewal is beyond the horizon")
        self.assertEqual(by_kind["birthday"].channel, "wechat")
        self.assertIn(by_kind["first_service"].owner_id, self.agent_lin | self.agent_xu)
        self.assertGreaterEqual(created["first_service"], 1)
        # A second run, or one after a crash half-way, creates nothing twice.
        with freeze_time("2026-06-08"):
            Reminder._generate_reminders("first_service", 14)
            again = Reminder._cron_generate_reminders(horizon_days=14)
        self.assertEqual(sum(again.values()), 0)
        self.assertEqual(Reminder.search_count([("vehicle_id", "=", new_car.id)]), len(reminders))
        with freeze_time("2026-07-20"):
            Reminder._cron_generate_reminders(horizon_days=14)
        self.assertEqual(Reminder.search_count([("vehicle_id", "=", new_car.id), ("kind", "=", "insurance")]), 1)

    def test_maintenance_and_declined_work_reminders(self):
        Reminder = self.env["aftersales.reminder"]
        order = self._delivered_order(datetime(2026, 3, 1, 4, 0))
        self.assertEqual(str(order.next_service_date or ""), "")
        order.sudo().write({"next_service_date": "2026-09-01", "next_service_mileage": 46010})
        declined = self.env["aftersales.job"].sudo().create({
            "repair_id": order.id, "name": "更换雨刮片", "is_additional": True, "state": "declined",
            "decision_date": datetime(2026, 3, 1, 5, 0), "decline_reason": "下次再换",
        })
        with freeze_time("2026-03-28"):
            Reminder._cron_generate_reminders(horizon_days=14)
        recommendation = Reminder.search([("vehicle_id", "=", self.vehicle.id), ("kind", "=", "recommendation")])
        self.assertEqual((str(recommendation.due_date), recommendation.job_id), ("2026-03-31", declined))
        with freeze_time("2026-04-25"):
            Reminder._cron_generate_reminders(horizon_days=14)
        anniversary = Reminder.search([("vehicle_id", "=", self.vehicle.id), ("kind", "=", "anniversary")])
        self.assertEqual(str(anniversary.due_date), "2026-05-01", "sold on 1 May 2023")
        with freeze_time("2026-08-25"):
            Reminder._cron_generate_reminders(horizon_days=14)
        maintenance = Reminder.search([("vehicle_id", "=", self.vehicle.id), ("kind", "=", "maintenance")])
        self.assertEqual(str(maintenance.due_date), "2026-09-01")
        action = maintenance.action_book()
        self.assertEqual(maintenance.state, "booked")
        appointment = self.env["aftersales.appointment"].with_context(**action["context"]).create({
            "advisor_id": self.advisor.id, "start_date": datetime(2026, 9, 1, 1, 0),
        })
        self.assertEqual(maintenance.appointment_id, appointment)
        with self.assertRaisesRegex(UserError, "why the customer is not interested"):
            recommendation._record_result("not_interested")
        recommendation._record_result("not_interested", "觉得还能用")
        self.assertEqual(recommendation.state, "not_interested")

    def test_reminders_sent_in_batches_are_registered(self):
        Reminder = self.env["aftersales.reminder"]
        self.customer.email = "wang.xiaoming@example.com"
        self.vehicle.write({"inspection_due_date": "2026-06-10", "insurance_expiry_date": "2026-06-12"})
        with freeze_time("2026-06-01"):
            Reminder._cron_generate_reminders(horizon_days=14)
        reminders = Reminder.search([("vehicle_id", "=", self.vehicle.id)])
        self.assertEqual(set(reminders.mapped("kind")), {"inspection", "insurance"})
        reminders.action_send_email()
        reminders.action_send_sms()
        self.assertEqual(reminders.mapped("contact_count"), [2, 2])
        action = reminders.action_print_letters()
        # The report, or first the document layout configurator on a new database.
        self.assertIn(action["type"], ("ir.actions.report", "ir.actions.act_window"))
        self.assertTrue(all(reminders.mapped("letter_printed_date")))
        self.assertEqual(reminders.mapped("contact_count"), [3, 3])
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_followup.action_report_reminder_letter", reminders.ids
        )
        self.assertIn(self.vehicle.license_plate, html.decode())
        self.assertEqual(len(reminders[0].message_ids.filtered(lambda m: "Contacted by" in (m.body or ""))), 3)

    def test_campaign_targets_a_segment_and_counts_what_it_brings(self):
        other_model = self.env["fleet.vehicle.model"].create({"name": "Other", "brand_id": self.brand.id})
        old_car = self._create_vehicle(license_plate="浙A·OLD01", sale_date="2019-05-01")
        self._create_vehicle(license_plate="浙A·NEW01", sale_date="2025-09-01")
        self._create_vehicle(license_plate="浙A·OTH01", sale_date="2018-01-01", model_id=other_model.id)
        campaign = self.env["aftersales.campaign"].create({
            "name": "冬季免费检测周", "date_start": "2026-12-01", "date_end": "2026-12-07",
            "model_ids": [(6, 0, self.car_model.ids)], "min_age_years": 5,
        })
        self.assertEqual(str(campaign.notify_date), "2026-11-17", "two weeks ahead")
        with freeze_time("2026-11-10"):
            self.assertEqual(campaign.target_count, 1)
            campaign.action_launch()
        contact = campaign.reminder_ids
        self.assertEqual((contact.vehicle_id, contact.kind), (old_car, "campaign"))
        action = contact.action_book()
        self.env["aftersales.appointment"].with_context(**action["context"]).create({
            "advisor_id": self.advisor.id, "start_date": datetime(2026, 12, 1, 1, 0), "source": "walk_in",
        })
        self.assertEqual((campaign.response_count, campaign.booking_count, campaign.visit_count), (1, 1, 0))
        with self.assertRaisesRegex(UserError, "already launched"):
            campaign.action_launch()
        with self.assertRaisesRegex(ValidationError, "ends after it starts"):
            campaign.date_end = "2026-11-01"
