from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    aftersales_department = fields.Selection(
        [("reception", "Reception"), ("workshop", "Workshop"), ("parts", "Parts"), ("cashier", "Settlement"),
         ("overall", "Overall")],
        string="After-sales Department", help="The department a follow-up question rates.",
    )
