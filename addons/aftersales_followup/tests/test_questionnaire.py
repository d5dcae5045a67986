from datetime import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin


@tagged("post_install", "-at_install")
class TestQuestionnaireOnTheCall(HttpCase):
    """The follow-up agent fills the customer's questionnaire on the phone, in the survey's own pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(cls.env, login="fu_phone_agent", password="fu_phone_agent", name="周婷",
                                  groups="aftersales_followup.group_followup_agent")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Call Motors"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Call Sedan", "brand_id": brand.id})
        Call = cls.env["aftersales.followup.call"]
        cls.calls = Call
        for index, name in enumerate(("唐先生", "宋女士", "元先生", "明女士")):
            customer = cls.env["res.partner"].create({"name": name})
            vehicle = cls.env["fleet.vehicle"].create({
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
                "license_plate": f"浙A·CALL{index}", "vin_sn": make_vin("LTV9CA11", f"M309100{index}"),
            })
            order = cls.env["repair.order"].create({"vehicle_id": vehicle.id, "partner_id": customer.id})
            cls.calls |= Call.create({"repair_id": order.id, "agent_id": cls.agent.id,
                                      "due_date": fields.Datetime.now()})
        cls.survey = cls.env.company._aftersales_followup_survey()

    def _open_as_agent(self, call):
        """The agent's button on the call, then the survey's start page it opens (redirects followed)."""
        action = call.with_user(self.agent).action_open_questionnaire()
        self.assertEqual((action["type"], action["target"]), ("ir.actions.act_url", "self"))
        page = self.url_open(action["url"])
        self.env.invalidate_all()
        return call.survey_user_input_id, page

    def _submit(self, answers, scores):
        """The agent starts the questionnaire and submits the customer's choices (score of each question)."""
        survey = answers.survey_id
        base = f"{survey.get_base_url()}/survey/%s/{survey.access_token}/{answers.access_token}"
        response = self.url_open(base % "begin", json={"params": {"lang_code": "en_US"}})
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json()["result"][1])
        post = {}
        for question in survey.question_ids:
            if question.question_type == "simple_choice":
                choice = question.suggested_answer_ids.filtered(
                    lambda a, q=question: a.answer_score == scores[q.aftersales_department, q.sequence])
                post[str(question.id)] = str(choice.id)
            else:
                post[str(question.id)] = "希望周末也能预约"
        response = self.url_open(base % "submit", json={"params": post})
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        return response.json()["result"]

    def test_agent_fills_the_questionnaire_and_the_score_lands_on_the_call(self):
        with_questionnaire, typed_only, unfinished, closed = self.calls
        self.authenticate("fu_phone_agent", "fu_phone_agent")
        # Typed while the customer talked; the questionnaire's score replaces it.
        with_questionnaire.with_user(self.agent).score = 2
        answers, page = self._open_as_agent(with_questionnaire)
        self.assertEqual(answers.partner_id, with_questionnaire.partner_id, "the answer is the customer's")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Survey Access Error", page.text)
        self.assertIn("Start Survey", page.text)
        scores = {("reception", 10): 5, ("workshop", 20): 4, ("cashier", 30): 4, ("parts", 40): 3,
                  ("reception", 50): 5, ("workshop", 60): 4, ("overall", 70): 4}
        _correct, html = self._submit(answers, scores)
        self.assertEqual(answers.state, "done")
        self.assertIn("Back to the Follow-up Call", html["survey_content"])
        self.assertIn(f"/odoo/aftersales-followup-calls/{with_questionnaire.id}", html["survey_content"])
        # 29 of 35 points: 82.9 %, 4 on the call's scale of 1 to 5.
        self.assertAlmostEqual(answers.scoring_percentage, 82.86, places=2)
        self.assertEqual(with_questionnaire.score, 4)
        # The answers are the customer's: the agent's own answers count nothing.
        self.assertFalse(self.env["survey.user_input"].search([("partner_id", "=", self.agent.partner_id.id)]))

        # A call scored by hand, and one whose questionnaire was left half-way: their typed scores count.
        typed_only.with_user(self.agent).score = 2
        unfinished_answers, _page = self._open_as_agent(unfinished)
        unfinished.with_user(self.agent).score = 3
        self.assertEqual(unfinished_answers.state, "new")
        with freeze_time("2031-03-10 07:00:00"):
            for call, words in ((with_questionnaire, "都挺好，价格有点贵"), (typed_only, "还可以"),
                                (unfinished, "没时间答完")):
                call = call.with_user(self.agent)
                call.customer_words = words
                call.action_outcome_satisfied()
            closed.with_user(self.agent).action_outcome_refused()
        self.assertEqual(self.calls.mapped("score"), [4, 2, 3, 0])

        # Each call counts once: the questions of the completed questionnaire, else the typed score.
        self.env.flush_all()
        Report = self.env["aftersales.satisfaction.report"]
        domain = [("call_id", "in", self.calls.ids)]
        rows = Report.search(domain)
        self.assertEqual(len(rows), 9, "seven scored questions and two typed scores")
        self.assertEqual(Report.search_count([*domain, ("source", "=", "call")]), 2)
        self.assertEqual(rows.filtered(lambda row: row.source == "call").call_id, typed_only | unfinished)
        by_department = {department: (average, count) for department, average, count in Report._read_group(
            domain, ["department"], ["score:avg", "__count"])}
        self.assertEqual(by_department, {
            "reception": (5.0, 2), "workshop": (4.0, 2), "cashier": (4.0, 1), "parts": (3.0, 1),
            "overall": (3.0, 3),
        })
        # The monthly summary averages the calls' scores: each call once as well.
        values = self.env["aftersales.satisfaction.summary"]._summary_values(datetime(2031, 3, 1).date(),
                                                                            self.env.company)
        self.assertEqual((values["calls"], values["satisfied"], values["average_score"]), (4, 3, 3.0))

    def test_agent_opens_no_other_answer(self):
        self.authenticate("fu_phone_agent", "fu_phone_agent")
        call = self.calls[0]
        # Another customer's answer to the same questionnaire, linked to no call: the survey's rules hold.
        stranger = self.env["res.partner"].create({"name": "路人甲"})
        other = self.survey._create_answer(partner=stranger, check_attempts=False)
        page = self.url_open(f"/survey/start/{self.survey.access_token}?answer_token={other.access_token}")
        self.assertIn("Survey Access Error", page.text)
        # The answer of a call closed before the questionnaire was finished: closed too.
        answers, page = self._open_as_agent(call)
        self.assertNotIn("Survey Access Error", page.text)
        call.with_user(self.agent).action_outcome_refused()
        page = self.url_open(answers.get_start_url())
        self.assertIn("Survey Access Error", page.text)
        # A colleague who is no follow-up agent is refused as well.
        new_test_user(self.env, login="fu_reader", password="fu_reader",
                      groups="aftersales_reception.group_aftersales_user")
        answers, _page = self._open_as_agent(self.calls[1])
        self.authenticate("fu_reader", "fu_reader")
        page = self.url_open(answers.get_start_url())
        self.assertIn("Survey Access Error", page.text)

    def test_agent_tour_fills_the_questionnaire_on_the_call(self):
        call = self.calls[0]
        self.start_tour("/odoo/aftersales-followup-calls", "aftersales_followup_questionnaire",
                        login="fu_phone_agent")
        answers = call.survey_user_input_id
        self.assertEqual((answers.state, answers.partner_id), ("done", call.partner_id))
        self.assertEqual(call.score, 4)
        self.assertEqual((call.state, call.outcome, call.customer_words), ("done", "satisfied", "都挺好"))

    def test_unreachable_customer_gets_the_questionnaire(self):
        call = self.calls[3].with_user(self.agent)
        call.partner_id.phone = "13900001111"
        self.env.company.aftersales_followup_max_attempts = 1
        call.action_outcome_unreachable()
        self.assertEqual((call.state, call.outcome), ("done", "unreachable"))
        answers = call.survey_user_input_id
        self.assertEqual(answers.partner_id, call.partner_id, "the answer is the customer's")
        self.assertTrue(call.invitation_sent_date)
        url = call.questionnaire_url
        self.assertIn(answers.access_token, url)
        sms_queue = self.env["sms.sms"].sudo()  # sudo: the text queue, read as the system
        sms = sms_queue.search([("partner_id", "=", call.partner_id.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number, "13900001111")
        self.assertIn(url, sms.body)
        self.assertIn(call.vehicle_id.license_plate, sms.body)
        # Closing the call again sends nothing more.
        call.sudo()._send_questionnaire_invitation()  # sudo: a second run, as the scheduler would
        sent = self.env["sms.sms"].sudo().search_count([("partner_id", "=", call.partner_id.id)])  # sudo: as above
        self.assertEqual(sent, 1)

        # The customer answers from the link, without an account: the score lands on the call.
        scores = {("reception", 10): 5, ("workshop", 20): 5, ("cashier", 30): 5, ("parts", 40): 5,
                  ("reception", 50): 5, ("workshop", 60): 5, ("overall", 70): 5}
        self._submit(answers, scores)
        self.assertEqual(answers.state, "done")
        self.assertEqual(call.score, 5)
