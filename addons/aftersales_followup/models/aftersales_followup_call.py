from collections import Counter
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_reception.tools import business_step

OUTCOMES = [
    ("satisfied", "Satisfied"),
    ("problem", "Problem"),
    ("unreachable", "Unreachable"),
    ("refused", "Refused to Answer"),
]


class AftersalesFollowupCall(models.Model):
    """A follow-up call (回访) after a visit, made by someone other than the advisor."""

    _name = "aftersales.followup.call"
    _description = "Follow-up Call"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.customer.message.mixin"]
    _order = "due_date, id"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, index=True,
                                check_company=True, ondelete="cascade")
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, index=True)
    partner_id = fields.Many2one(related="repair_id.partner_id", string="Customer", store=True, index=True)
    phone = fields.Char(related="partner_id.phone")
    advisor_id = fields.Many2one(related="repair_id.user_id", string="Service Advisor", store=True)
    agent_id = fields.Many2one("res.users", string="Follow-up Agent", index=True, tracking=True,
                               help="Never the order's advisor: customers are not frank with their advisor.")
    kind = fields.Selection(
        [("first", "First Follow-up"), ("second", "Second Follow-up"), ("closing", "After a Complaint")],
        required=True, default="first",
    )
    due_date = fields.Datetime(required=True, index=True, tracking=True)
    state = fields.Selection([("to_call", "To Call"), ("done", "Done"), ("cancelled", "Cancelled")],
                             default="to_call", required=True, index=True, tracking=True, copy=False,
                             aftersales_step=True)
    outcome = fields.Selection(OUTCOMES, tracking=True, copy=False, aftersales_step=True)
    attempt_count = fields.Integer(string="Attempts", default=0, copy=False, aftersales_step=True)
    customer_words = fields.Text(help="What the customer said, in their own words.")
    score = fields.Integer(help="Overall satisfaction, 1 (poor) to 5 (excellent).", aggregator="avg")
    mileage = fields.Float(help="The mileage the customer gave on the call.")
    called_date = fields.Datetime(string="Called on", copy=False, readonly=True, index=True, aftersales_step=True)
    complaint_id = fields.Many2one("aftersales.complaint", copy=False, readonly=True, aftersales_step=True)
    survey_user_input_id = fields.Many2one("survey.user_input", string="Questionnaire", copy=False, readonly=True,
                                           aftersales_step=True)
    survey_state = fields.Selection(related="survey_user_input_id.state", string="Questionnaire Status")
    questionnaire_url = fields.Char(
        string="Questionnaire Link", compute="_compute_questionnaire_url",
        help="The customer's own link to the questionnaire, sent when they cannot be reached.",
    )
    invitation_sent_date = fields.Datetime(string="Questionnaire Sent", copy=False, readonly=True,
                                           aftersales_step=True)

    _score_range = models.Constraint("CHECK(score IS NULL OR score BETWEEN 0 AND 5)",
                                     "The satisfaction score goes from 1 to 5.")

    @api.constrains("agent_id", "advisor_id")
    def _check_agent_is_not_the_advisor(self):
        for call in self:
            if call.agent_id and call.agent_id == call.advisor_id:
                raise ValidationError(self.env._(
                    "%(agent)s was the advisor of %(order)s: another person makes the follow-up call.",
                    agent=call.agent_id.name, order=call.repair_id.name,
                ))

    @api.depends("partner_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for call in self:
            call.display_name = f"{call.partner_id.name or ''} – {kinds.get(call.kind, '')}"

    # ------------------------------------------------------------------
    # Scheduling
    # ------------------------------------------------------------------

    @api.model
    def _call_time(self, partner, company, day):
        """The start of the customer's call window on a day, as UTC naive."""
        start_hour = partner.call_time_from if partner.call_time_to else company.aftersales_followup_window_from
        tz = pytz.timezone(partner.tz or company.resource_calendar_id.tz or "UTC")
        local = tz.localize(datetime.combine(day, time(int(start_hour), round(start_hour % 1 * 60))))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _pick_agents(self, orders):
        """For each order, the follow-up agent with the fewest open calls who is not its advisor."""
        agents = self.env["res.users"]._aftersales_role_users("aftersales_followup.group_followup_agent")
        load = Counter(dict(self._read_group(
            [("state", "=", "to_call"), ("agent_id", "in", agents.ids)], ["agent_id"], ["__count"]
        )))
        picked = {}
        for order in orders:
            candidates = agents.filtered(lambda user, o=order: user != o.user_id and o.company_id in user.company_ids)
            if not candidates:
                # The call is still due; the service manager assigns it.
                picked[order] = self.env["res.users"]
                continue
            agent = min(candidates, key=lambda user: (load[user], user.id))
            load[agent] += 1
            picked[order] = agent
        return picked

    @api.model
    def _schedule_first_calls(self, orders):
        """Each delivered order gets its follow-up call: N days later in the customer's window,
        or at the time the customer chose at delivery."""
        orders = orders.filtered(lambda order: order.delivery_date and order.partner_id)
        agents = self._pick_agents(orders)
        values = []
        for order in orders:
            company = order.company_id
            due = order.followup_preferred_date or self._call_time(
                order.partner_id, company,
                (order.delivery_date + timedelta(days=company.aftersales_followup_delay_days)).date(),
            )
            values.append({"repair_id": order.id, "agent_id": agents[order].id or False, "due_date": due,
                           "kind": "first"})
        return self.create(values)

    # ------------------------------------------------------------------
    # Questionnaire
    # ------------------------------------------------------------------

    @business_step
    def action_open_questionnaire(self):
        """Open the handbook's questionnaire for this customer, to fill in while on the phone."""
        self.ensure_one()
        if self.state != "to_call":
            raise UserError(self.env._("This follow-up call is already closed."))
        if not self.survey_user_input_id:
            survey = self.company_id._aftersales_followup_survey()
            if not survey:
                raise UserError(self.env._("Choose the follow-up questionnaire in the settings."))
            self.survey_user_input_id = survey._create_answer(
                partner=self.partner_id, check_attempts=False,
            )
        # The agent answers for the customer on the phone, in this window: the questionnaire's last page
        # leads back to the call.
        return {"type": "ir.actions.act_url", "url": self.survey_user_input_id.get_start_url(), "target": "self"}

    @api.depends("survey_user_input_id")
    def _compute_questionnaire_url(self):
        for call in self:
            answers = call.survey_user_input_id
            call.questionnaire_url = answers and answers.survey_id.get_base_url() + answers.get_start_url()

    @business_step
    def _send_questionnaire_invitation(self):
        """The customer we could not reach gets the questionnaire's link by their channel (follow-up invitation)."""
        survey = self.company_id._aftersales_followup_survey()
        calls = self.filtered(lambda call: not call.invitation_sent_date and (call.survey_user_input_id or survey))
        for call in calls.filtered(lambda call: not call.survey_user_input_id):
            call.survey_user_input_id = survey._create_answer(partner=call.partner_id, check_attempts=False)
        calls._aftersales_send_customer_message(
            "followup_invitation",
            self.env.ref("aftersales_followup.sms_template_followup_invitation", raise_if_not_found=False),
            lambda call: self.env._(
                "%(customer)s, we could not reach you about the service of %(plate)s. Tell us how it went in one "
                "minute: %(url)s",
                customer=call.partner_id.name, plate=call.vehicle_id.license_plate or "", url=call.questionnaire_url,
            ),
        )
        calls.write({"invitation_sent_date": fields.Datetime.now()})
        return calls

    @api.model
    def _questionnaire_call_for_agent(self, answers):
        """The call of a questionnaire answer that the current user fills in as a follow-up agent: a call
        still to make (or any, once the answer is complete, to see it), read with the user's own rights."""
        if not answers or not self.env.user.has_group("aftersales_followup.group_followup_agent"):
            return self.browse()
        domain = [("survey_user_input_id", "=", answers.id)]
        if answers.state != "done":
            domain.append(("state", "=", "to_call"))
        return self.search(domain, limit=1)

    def _questionnaire_score(self):
        """The questionnaire's score on the 1–5 scale of the call (0 when not answered)."""
        self.ensure_one()
        answers = self.survey_user_input_id
        if answers.state != "done":
            return 0
        return max(1, round(answers.scoring_percentage / 20.0))

    def _land_questionnaire_score(self):
        """A completed questionnaire gives the call its score, in place of one typed before."""
        # Also the customer we could not reach, who answered the questionnaire we sent.
        for call in self.filtered(
            lambda c: c.state == "to_call" or (c.outcome == "unreachable" and c.invitation_sent_date)
        ):
            score = call._questionnaire_score()
            if score:
                call.score = score

    # ------------------------------------------------------------------
    # Outcome of a call
    # ------------------------------------------------------------------

    @business_step
    def _record_outcome(self, outcome, customer_words=False, score=0, mileage=0.0):
        """What the call gave: done, a complaint, or another attempt on a later day."""
        self.ensure_one()
        if self.state != "to_call":
            raise UserError(self.env._("This follow-up call is already closed."))
        score = score or self._questionnaire_score()
        if outcome in ("satisfied", "problem") and not customer_words:
            raise UserError(self.env._("Write down what the customer said, in their own words."))
        if outcome == "problem" and not score:
            raise UserError(self.env._("Give the customer's satisfaction score."))
        company = self.company_id
        values = {"outcome": outcome, "customer_words": customer_words, "score": score,
                  "attempt_count": self.attempt_count + 1, "called_date": fields.Datetime.now()}
        if outcome == "unreachable" and values["attempt_count"] < company.aftersales_followup_max_attempts:
            # Try again the next day in the same window.
            values["due_date"] = self._call_time(self.partner_id, company, self.due_date.date() + timedelta(days=1))
            values["outcome"] = False
        else:
            values["state"] = "done"
        self.write(values)
        if mileage:
            self.env["fleet.vehicle.odometer"].create({
                "vehicle_id": self.vehicle_id.id, "value": mileage, "source": "follow_up",
                "date": fields.Date.context_today(self),
            })
        if self.state == "done" and outcome == "unreachable":
            self._send_questionnaire_invitation()
        if outcome == "problem":
            self.complaint_id = self.env["aftersales.complaint"].create({
                "repair_id": self.repair_id.id,
                "partner_id": self.partner_id.id,
                "source": "follow_up",
                "description": customer_words,
            })
        if self.state == "done" and self.kind == "first" and outcome in ("satisfied", "problem") \
                and company.aftersales_followup_second_call_days:
            self.create({
                "repair_id": self.repair_id.id, "agent_id": self.agent_id.id, "kind": "second",
                "due_date": self._call_time(self.partner_id, company, fields.Date.context_today(self)
                                            + timedelta(days=company.aftersales_followup_second_call_days)),
            })
        return True

    def action_outcome_satisfied(self):
        return self._record_outcome("satisfied", self.customer_words, self.score, self.mileage)

    def action_outcome_problem(self):
        return self._record_outcome("problem", self.customer_words, self.score, self.mileage)

    def action_outcome_unreachable(self):
        return self._record_outcome("unreachable", self.customer_words, self.score, self.mileage)

    def action_outcome_refused(self):
        return self._record_outcome("refused", self.customer_words, self.score, self.mileage)
