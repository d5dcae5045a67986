from odoo import fields, models, tools
from odoo.tools import SQL


class AftersalesSatisfactionReport(models.Model):
    """Satisfaction (CSI) per answered follow-up question: by department, advisor, day, week, month.

    A call counts once: through the questions of its completed questionnaire, or else through the
    overall score the agent typed on the call.
    """

    _name = "aftersales.satisfaction.report"
    _description = "Customer Satisfaction Analysis"
    _rec_name = "call_id"
    _auto = False
    _order = "call_date desc"

    call_date = fields.Date(readonly=True)
    call_id = fields.Many2one("aftersales.followup.call", readonly=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    agent_id = fields.Many2one("res.users", string="Follow-up Agent", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    question_id = fields.Many2one("survey.question", readonly=True)
    department = fields.Selection(
        [("reception", "Reception"), ("workshop", "Workshop"), ("parts", "Parts"), ("cashier", "Settlement"),
         ("overall", "Overall")],
        readonly=True,
    )
    score = fields.Float(readonly=True, aggregator="avg", help="1 (very dissatisfied) to 5 (very satisfied).")
    source = fields.Selection([("questionnaire", "Questionnaire"), ("call", "Score on the Call")], readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(table)s AS (
                -- Even ids for the questionnaire's answers, odd ids for the calls scored by hand.
                SELECT line.id * 2 AS id,
                       call.called_date::date AS call_date,
                       call.id AS call_id,
                       call.repair_id,
                       call.advisor_id,
                       call.agent_id,
                       call.company_id,
                       line.question_id,
                       question.aftersales_department AS department,
                       line.answer_score AS score,
                       'questionnaire' AS source
                  FROM aftersales_followup_call call
                  JOIN survey_user_input answers ON answers.id = call.survey_user_input_id
                                                AND answers.state = 'done'
                  JOIN survey_user_input_line line ON line.user_input_id = answers.id
                  JOIN survey_question question ON question.id = line.question_id
                 WHERE call.called_date IS NOT NULL AND line.suggested_answer_id IS NOT NULL
                UNION ALL
                SELECT call.id * 2 + 1 AS id,
                       call.called_date::date AS call_date,
                       call.id AS call_id,
                       call.repair_id,
                       call.advisor_id,
                       call.agent_id,
                       call.company_id,
                       NULL::integer AS question_id,
                       'overall' AS department,
                       call.score::double precision AS score,
                       'call' AS source
                  FROM aftersales_followup_call call
             LEFT JOIN survey_user_input answers ON answers.id = call.survey_user_input_id
                                                AND answers.state = 'done'
                 WHERE call.called_date IS NOT NULL AND call.score > 0 AND answers.id IS NULL
            )
            """,
            table=SQL.identifier(self._table),
        ))
