from datetime import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestFollowup(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only our agents count: the demo's agent belongs to no test company of its own.
        agents = cls.env.ref("aftersales_followup.group_followup_agent").all_user_ids.filtered(
            lambda user: not user.has_group("aftersales_reception.group_service_manager")
        )
        agents.write({"group_ids": [(3, cls.env.ref("aftersales_followup.group_followup_agent").id)]})
        cls.agent_lin = new_test_user(cls.env, login="fu_agent_lin", name="林晓",
                                      groups="aftersales_followup.group_followup_agent")
        cls.agent_xu = new_test_user(cls.env, login="fu_agent_xu", name="许倩",
                                     groups="aftersales_followup.group_followup_agent")
        cls.customer.write({"call_time_from": 15.0, "call_time_to": 18.0, "tz": "Asia/Shanghai"})

    def _delivered_order(self, delivered_at, mileage=41000, followup_preferred_date=False, declined=False):
        with freeze_time(delivered_at):
            order = self._approved_order(concerns=("保养",), hours=(1.0,), mileage=mileage)
            if declined:
                # Extra work the customer turns down on the advisor's call.
                self.env["aftersales.job"].create({
                    "repair_id": order.id, "name": declined, "labour_hours": 0.5, "is_additional": True,
                })._record_decision(False, "phone", workshop_informed_user=self.technician, decline_reason="下次再换")
            order.action_repair_start()
            order.job_ids.filtered(lambda job: job.state == "approved").action_mark_done()
            self._end_repair(order)
            # The advisor's delivery, with the advisor's rights: it books the agents' calls and marks the visit.
            order.with_user(self.advisor)._record_delivery(mileage + 10, False, mileage + 5010,
                                                           followup_preferred_date=followup_preferred_date)
        return order

    @staticmethod
    def _as_agent(call):
        return call.with_user(call.agent_id)

    def _set_other_vehicles_aside(self):
        """Only the test's vehicles count for the lost-customer run."""
        self.env["fleet.vehicle"].search([
            ("vehicle_usage", "=", "customer"), ("id", "!=", self.vehicle.id),
        ]).write({"active": False})

    def _record_lost_reason_as_agent(self, vehicle, reason="other_dealer", note="离家近的店更方便",
                                     may_come_back=False):
        """The win-back call: the agent's button opens the form, the agent records why the customer left."""
        action = vehicle.with_user(self.agent_lin).action_open_lost_reason_wizard()
        with Form(self.env[action["res_model"]].with_user(self.agent_lin).with_context(**action["context"])) as form:
            form.lost_reason = reason
            form.lost_note = note
            form.may_come_back = may_come_back
        wizard = form.record
        self.assertEqual(wizard.vehicle_ids, vehicle)
        wizard.action_confirm()
        self.assertEqual((vehicle.lost_reason, vehicle.lost_note, vehicle.winback_state),
                         (reason, note, "contacted" if may_come_back else "gone"))

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
        complaint = call.complaint_id.with_user(self.manager)
        self.assertEqual((complaint.state, complaint.source), ("open", "follow_up"))
        self.assertEqual(complaint.repair_id, call.repair_id)
        self.assertTrue(complaint.activity_ids, "the responsible person is told")
        with self.assertRaisesRegex(UserError, "how the complaint was resolved"):
            complaint.action_resolve()
        complaint.write({"root_cause": "刹车片安装不到位", "resolution": "免费返工并赠送保养一次",
                         "technician_id": self.technician.id})
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

    def test_advisor_resolves_a_complaint_and_an_agent_calls_back(self):
        call = self._as_agent(self._delivered_order(datetime(2026, 6, 1, 4, 0)).followup_call_ids)
        call._record_outcome("problem", "刹车还有异响", 2)
        complaint = call.complaint_id.with_user(self.advisor)
        complaint.write({"resolution": "免费返工"})
        # Advisors book no calls themselves: the customer hears from customer care, not from his advisor.
        with self.assertRaises(AccessError):
            self.env["aftersales.followup.call"].with_user(self.advisor).create({
                "repair_id": complaint.repair_id.id, "kind": "closing", "due_date": fields.Datetime.now(),
            })
        complaint.action_resolve()
        closing = complaint.closing_call_id
        self.assertEqual((closing.kind, closing.state, closing.repair_id), ("closing", "to_call", call.repair_id))
        self.assertTrue(closing.agent_id.has_group("aftersales_followup.group_followup_agent"))
        self.assertNotEqual(closing.agent_id, self.advisor)

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
        self._set_other_vehicles_aside()
        regular = self._delivered_order(datetime(2026, 3, 1, 4, 0)).vehicle_id
        gone_customer = self.env["res.partner"].create({"name": "钱先生"})
        gone = self._create_vehicle(customer_id=gone_customer.id, license_plate="浙A·L0ST1", sale_date="2024-01-10")
        self.company.aftersales_lost_after_months = 12
        with freeze_time("2026-06-01"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1)
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 0, "flagged once")
        gone.invalidate_recordset()
        self.assertTrue(gone.is_lost)
        self.assertEqual((gone.winback_state, str(gone.lost_since)), ("to_call", "2026-06-01"))
        self.assertFalse(regular.is_lost, "came three months ago")
        with freeze_time("2027-04-01"):
            self.assertEqual(Vehicle._cron_detect_lost_customers(), 1, "thirteen months later the regular is lost")
        self._record_lost_reason_as_agent(gone)
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

    def test_one_birthday_greeting_per_customer(self):
        """A customer with three cars is greeted once on the birthday, on the first car; a customer whose cars are
        all sold away is not."""
        Reminder = self.env["aftersales.reminder"]
        self.env["fleet.vehicle"].search([("vehicle_usage", "=", "customer")]).write({"active": False})
        fleet_owner = self.env["res.partner"].create({"name": "钱总", "birthday": "1975-06-18"})
        cars = self.env["fleet.vehicle"]
        for plate in ("浙A·B0001", "浙A·B0002", "浙A·B0003"):
            cars |= self._create_vehicle(customer_id=fleet_owner.id, license_plate=plate)
        former = self.env["res.partner"].create({"name": "孙先生", "birthday": "1980-06-19"})
        self._create_vehicle(customer_id=former.id, license_plate="浙A·B0004").active = False
        with freeze_time("2026-06-10"):
            Reminder._cron_generate_reminders(horizon_days=14)
            Reminder._cron_generate_reminders(horizon_days=14)
        greetings = Reminder.search([("kind", "=", "birthday"), ("partner_id", "in", (fleet_owner | former).ids)])
        self.assertEqual((greetings.vehicle_id, str(greetings.due_date)), (cars[0], "2026-06-18"))
        # The first car is sold: the greeting made stays the only one of the year.
        cars[0].active = False
        with freeze_time("2026-06-11"):
            Reminder._cron_generate_reminders(horizon_days=14)
        self.assertEqual(Reminder.search_count([("kind", "=", "birthday"), ("partner_id", "=", fleet_owner.id)]), 1)

    def test_maintenance_and_declined_work_reminders(self):
        Reminder = self.env["aftersales.reminder"]
        order = self._delivered_order(datetime(2026, 3, 1, 4, 0), declined="更换雨刮片")
        self.assertEqual(str(order.next_service_date or ""), "")
        order.sudo().write({"next_service_date": "2026-09-01", "next_service_mileage": 46010})
        declined = order.job_ids.filtered(lambda job: job.state == "declined")
        self.assertEqual(declined.name, "更换雨刮片")
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
        maintenance = maintenance.with_user(self.agent_lin)
        with freeze_time("2026-08-26 02:00:00"):
            action = maintenance.action_book()
            self.assertEqual(maintenance.state, "booked")
            appointment = self.env["aftersales.appointment"].with_user(self.agent_lin).with_context(
                **action["context"]).create({
                "advisor_id": self.advisor.id, "start_date": datetime(2026, 9, 1, 1, 0),
            })
        self.assertEqual(maintenance.appointment_id, appointment)
        recommendation = recommendation.with_user(self.agent_lin)
        with self.assertRaisesRegex(UserError, "why the customer is not interested"):
            recommendation.action_not_interested()
        self.assertEqual(recommendation.state, "open")
        recommendation.result_note = "觉得还能用"
        recommendation.action_not_interested()
        self.assertEqual(recommendation.state, "not_interested")
        with self.assertRaisesRegex(UserError, "already worked"):
            recommendation.action_cancel()

    def test_vehicle_keeps_its_service_due(self):
        """The reminder run reads the last delivery and the next service off the vehicle: its orders keep them."""
        self.assertFalse(self.vehicle.aftersales_last_delivery_date)
        order = self._delivered_order(datetime(2026, 3, 1, 4, 0))
        self.assertEqual(str(self.vehicle.aftersales_last_delivery_date), "2026-03-01")
        self.assertEqual(self.vehicle.aftersales_next_service_mileage, 46010.0)
        with self.assertRaisesRegex(UserError, "only its business step"):
            self.vehicle.with_user(self.advisor).aftersales_next_service_mileage = 60000.0
        order.sudo().write({"next_service_date": "2026-09-01"})  # sudo: the advisor's delivery step sets it
        self.assertEqual(str(self.vehicle.aftersales_next_service_date), "2026-09-01")
        # A later delivery is the one that counts.
        later = self._delivered_order(datetime(2026, 9, 2, 4, 0), mileage=46100)
        self.assertEqual(str(self.vehicle.aftersales_last_delivery_date), "2026-09-02")
        self.assertEqual(self.vehicle.aftersales_next_service_mileage, later.next_service_mileage)
        # History written straight into the tables (an import, an upgrade) gets it in one set-based pass.
        self.env.flush_all()
        self.env.cr.execute(SQL("UPDATE fleet_vehicle SET aftersales_last_delivery_date = NULL, "
                                "aftersales_next_service_date = NULL, aftersales_next_service_mileage = NULL "
                                "WHERE id = %s", self.vehicle.id))
        self.vehicle.invalidate_recordset()
        self.env["fleet.vehicle"]._aftersales_sync_service_due()
        self.assertEqual(str(self.vehicle.aftersales_last_delivery_date), "2026-09-02")
        self.assertEqual(self.vehicle.aftersales_next_service_mileage, later.next_service_mileage)

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
        self.assertEqual(
            (contact.partner_id, contact.company_id, str(contact.due_date), contact.channel, contact.state),
            (old_car.customer_id, self.company, "2026-11-17", "phone", "open"),
        )
        self.assertFalse(contact.owner_id, "campaign contacts are shared out by the agents themselves")
        with freeze_time("2026-11-25 02:00:00"):
            action = contact.with_user(self.agent_lin).action_book()
            self.env["aftersales.appointment"].with_user(self.agent_lin).with_context(**action["context"]).create({
                "advisor_id": self.advisor.id, "start_date": datetime(2026, 12, 1, 1, 0), "source": "walk_in",
            })
        self.assertEqual((campaign.response_count, campaign.booking_count, campaign.visit_count), (1, 1, 0))
        with self.assertRaisesRegex(UserError, "already launched"):
            campaign.action_launch()
        with self.assertRaisesRegex(ValidationError, "ends after it starts"):
            campaign.date_end = "2026-11-01"

    def test_lost_reason_is_the_follow_up_agents_step(self):
        self._set_other_vehicles_aside()
        self.company.aftersales_lost_after_months = 12
        with freeze_time("2026-06-01"):
            self.assertEqual(self.env["fleet.vehicle"]._cron_detect_lost_customers(), 1, "sold in 2023, never back")
        vehicle = self.vehicle
        self.assertEqual((vehicle.is_lost, vehicle.winback_state), (True, "to_call"))
        agent_vehicle = vehicle.with_user(self.agent_lin)
        with self.assertRaisesRegex(UserError, "why the customer stopped"):
            agent_vehicle._record_lost_reason(False)
        with self.assertRaisesRegex(UserError, "Unknown reason"):
            agent_vehicle._record_lost_reason("weather")
        # Editing the vehicle is no way around the step, for the agent or the advisor.
        for user in (self.agent_lin, self.advisor):
            with self.assertRaisesRegex(UserError, "only its business step"):
                vehicle.with_user(user).write({"lost_reason": "price", "winback_state": "gone"})
        # The advisor may edit vehicles, but the win-back call is not theirs.
        with self.assertRaisesRegex(AccessError, "Only a follow-up agent"):
            vehicle.with_user(self.advisor)._record_lost_reason("price")
        self.assertEqual((vehicle.lost_reason, vehicle.winback_state), (False, "to_call"), "nothing written")
        self._record_lost_reason_as_agent(vehicle, "price", "保养价格比路边店贵太多", may_come_back=True)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written at commit
        tracking = vehicle.message_ids.tracking_value_ids.filtered(lambda value: value.field_id.name == "lost_reason")
        self.assertEqual(tracking.mail_message_id.author_id, self.agent_lin.partner_id, "the agent recorded it")
        # A customer who still comes is not asked why they left.
        regular = self._create_vehicle(license_plate="浙A·REG01", sale_date="2026-01-10")
        with self.assertRaisesRegex(UserError, "is not a lost customer"):
            regular.with_user(self.agent_lin)._record_lost_reason("price")

    def _assert_refused_write(self, record, users, values):
        """Each step field, written directly by the role or the superuser, is refused and nothing is written."""
        for field_name, value in values.items():
            for user in users:
                before = record[field_name]
                target = record.sudo() if user is None else record.with_user(user)  # sudo: the superuser is refused too
                with self.subTest(model=record._name, field=field_name, user=user and user.login):
                    with self.assertRaisesRegex(UserError, "only its business step"):
                        target.write({field_name: value})
                    record.invalidate_recordset()
                    self.assertEqual(record[field_name], before)

    def test_step_fields_refused_outside_their_steps(self):
        order = self._delivered_order(datetime(2026, 6, 1, 4, 0))
        call = order.followup_call_ids
        complaint = self.env["aftersales.complaint"].create({
            "partner_id": self.customer.id, "repair_id": order.id, "description": "洗车没洗干净",
        })
        reminder = self.env["aftersales.reminder"].create({
            "vehicle_id": self.vehicle.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "kind": "inspection", "due_date": "2026-06-10",
        })
        campaign = self.env["aftersales.campaign"].create({
            "name": "夏季空调检测", "date_start": "2026-07-01", "date_end": "2026-07-07",
        })
        appointment = self.env["aftersales.appointment"].create({
            "vehicle_id": self.vehicle.id, "advisor_id": self.advisor.id, "start_date": self._next_monday(2),
        })
        answers = self.company._aftersales_followup_survey().sudo()._create_answer(  # sudo: the customer's
            partner=self.customer, check_attempts=False,
        )
        now, today = fields.Datetime.now(), fields.Date.today()
        agent, superuser = call.agent_id, None
        cases = [
            (call, (agent, superuser), {
                "state": "done", "outcome": "satisfied", "attempt_count": 2, "called_date": now,
                "complaint_id": complaint.id, "survey_user_input_id": answers.id, "invitation_sent_date": now,
            }),
            (complaint, (self.manager, agent, superuser), {
                "state": "closed", "is_escalated": True, "closing_call_id": call.id,
            }),
            (reminder, (self.agent_lin, superuser), {
                "state": "not_interested", "appointment_id": appointment.id, "contact_count": 3,
                "last_contact_date": now, "letter_printed_date": now,
            }),
            (campaign, (self.agent_lin, superuser), {"state": "running"}),
            (self.vehicle, (self.agent_lin, self.advisor, superuser), {
                "is_lost": True, "lost_since": today, "winback_state": "gone", "lost_reason": "price",
                "last_visit_date": today,
            }),
        ]
        for record, users, values in cases:
            if record._name == "fleet.vehicle":
                self.assertLessEqual(set(values), record._aftersales_step_field_names())
            else:
                self.assertEqual(set(values), record._aftersales_step_field_names(), record._name)
            self._assert_refused_write(record, users, values)
        # A free field written with a step field is not written either.
        with self.assertRaisesRegex(UserError, "only its business step"):
            reminder.with_user(self.agent_lin).write({"result_note": "已卖车", "state": "sold_car"})
        reminder.invalidate_recordset()
        self.assertEqual((reminder.result_note, reminder.state), (False, "open"))

    def test_step_fields_refused_at_creation(self):
        order = self._delivered_order(datetime(2026, 6, 1, 4, 0))
        agent = order.followup_call_ids.agent_id
        cases = [
            ("aftersales.followup.call", agent, {"repair_id": order.id, "due_date": "2026-06-10 07:00:00"},
             {"state": "done", "outcome": "satisfied", "attempt_count": 1, "called_date": "2026-06-04 07:00:00"}),
            ("aftersales.complaint", self.manager, {"partner_id": self.customer.id, "description": "等待时间太长"},
             {"state": "resolved", "is_escalated": True}),
            ("aftersales.reminder", self.agent_lin,
             {"vehicle_id": self.vehicle.id, "company_id": self.company.id, "kind": "insurance",
              "due_date": "2026-07-01"},
             {"state": "booked", "contact_count": 1, "last_contact_date": "2026-06-20 02:00:00"}),
            ("aftersales.campaign", self.agent_lin,
             {"name": "服务月", "date_start": "2026-09-01", "date_end": "2026-09-30"}, {"state": "running"}),
            ("fleet.vehicle", self.advisor,
             {"vehicle_usage": "customer", "customer_id": self.customer.id, "model_id": self.car_model.id,
              "license_plate": "浙A·NEW88"},
             {"is_lost": True, "lost_since": "2026-06-01", "winback_state": "to_call", "lost_reason": "moved",
              "last_visit_date": "2026-05-01"}),
        ]
        for model_name, user, base_values, step_values in cases:
            Model = self.env[model_name]
            count = Model.with_context(active_test=False).search_count([])
            for field_name, value in step_values.items():
                for model in (Model.with_user(user), Model.sudo()):  # sudo: the superuser is refused too
                    with self.subTest(model=model_name, field=field_name, user=model.env.user.login):
                        with self.assertRaisesRegex(UserError, "only its business step"):
                            model.create({**base_values, field_name: value})
                        # Context defaults are values too.
                        with self.assertRaisesRegex(UserError, "only its business step"):
                            model.with_context(**{f"default_{field_name}": value}).create(base_values)
            self.assertEqual(Model.with_context(active_test=False).search_count([]), count, "nothing created")
            # The default values are fine: a new record starts at the beginning.
            self.assertTrue(Model.sudo().create(base_values))  # sudo: the same values without step fields pass

    def test_campaign_closes_only_while_running(self):
        campaign = self.env["aftersales.campaign"].with_user(self.agent_lin).create({
            "name": "春季保养月", "date_start": "2026-04-01", "date_end": "2026-04-30",
        })
        with self.assertRaisesRegex(UserError, "Only a running campaign"):
            campaign.action_close()
        self.assertEqual(campaign.state, "draft")

    def test_reminder_results_are_the_agents_buttons(self):
        reminders = self.env["aftersales.reminder"].create([{
            "vehicle_id": self.vehicle.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "kind": kind, "due_date": "2026-06-10",
        } for kind in ("inspection", "insurance", "birthday")]).with_user(self.agent_lin)
        inspection, insurance, birthday = reminders
        insurance.result_note = "车已卖给朋友"
        insurance.action_sold_car()
        birthday.action_moved()
        inspection.action_cancel()
        self.assertEqual(reminders.mapped("state"), ["cancelled", "sold_car", "moved"])
        self.assertEqual(insurance.result_note, "车已卖给朋友")
        # A plain after-sales user reads reminders but does not work them.
        reader = new_test_user(self.env, login="fu_reader", groups="aftersales_reception.group_aftersales_user")
        other = self.env["aftersales.reminder"].create({
            "vehicle_id": self.vehicle.id, "company_id": self.company.id, "kind": "anniversary",
            "due_date": "2026-06-10",
        })
        with self.assertRaises(AccessError):
            other.with_user(reader).action_cancel()
        self.assertEqual(other.state, "open")

    def test_vehicle_file_buttons(self):
        """The vehicle file counts and opens its own calls, complaints and reminders, not another car's."""
        order = self._delivered_order(datetime(2026, 5, 4, 2, 0))
        other_vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3090003"), license_plate="浙A·V0003")
        Reminder = self.env["aftersales.reminder"]
        Reminder.create([{
            "vehicle_id": vehicle.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "kind": "inspection", "due_date": "2026-06-10",
        } for vehicle in (self.vehicle, other_vehicle)])
        self.env["aftersales.complaint"].create({
            "partner_id": self.customer.id, "repair_id": order.id, "description": "洗车没洗干净",
        })
        calls = self.env["aftersales.followup.call"].search([("repair_id", "=", order.id)])
        self.assertTrue(calls, "the delivery plans the follow-up call")
        vehicles = (self.vehicle | other_vehicle).with_user(self.advisor)
        self.assertEqual(vehicles.mapped("followup_call_count"), [len(calls), 0])
        self.assertEqual(vehicles.mapped("complaint_count"), [1, 0])
        self.assertEqual(vehicles.mapped("reminder_count"), [1, 1])
        vehicle = vehicles[0]
        for method, model in (("action_view_followup_calls", "aftersales.followup.call"),
                              ("action_view_complaints", "aftersales.complaint"),
                              ("action_view_reminders", "aftersales.reminder")):
            action = getattr(vehicle, method)()
            self.assertEqual(action["res_model"], model)
            found = self.env[model].with_user(self.advisor).search(action["domain"])
            self.assertTrue(found)
            self.assertEqual(found.vehicle_id, self.vehicle, method)
