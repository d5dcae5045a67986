from odoo import api, fields, models

REPORT_KINDS = [
    ("daily", "Daily Problem List"),
    ("weekly", "Weekly Satisfaction Report"),
    ("monthly", "Monthly Satisfaction Report"),
]


class AftersalesSatisfactionMailing(models.Model):
    """A satisfaction report sent to the service managers for one period: it is sent once per period."""

    _name = "aftersales.satisfaction.mailing"
    _description = "Satisfaction Report Sent"
    _inherit = ["aftersales.step.mixin"]
    _order = "date_from desc, kind, id desc"
    _check_company_auto = True
    # Written by the scheduled action that sends the report, nothing else.
    _aftersales_step_record = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    kind = fields.Selection(REPORT_KINDS, string="Report", required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True, help="The last day of the period, included.")
    email_to = fields.Char(string="Sent to", readonly=True)
    mail_id = fields.Many2one("mail.mail", string="E-mail", readonly=True, ondelete="set null")
    attachment_id = fields.Many2one("ir.attachment", string="PDF", readonly=True, ondelete="set null")

    _unique_period = models.Constraint(
        "UNIQUE(company_id, kind, date_from)", "This report has already been sent for the period."
    )

    @api.depends("kind", "date_from", "date_to")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for mailing in self:
            period = str(mailing.date_from or "")
            if mailing.date_to and mailing.date_to != mailing.date_from:
                period = f"{mailing.date_from} – {mailing.date_to}"
            mailing.display_name = f"{kinds.get(mailing.kind, '')} {period}"

    def _report_values(self):
        """The figures the PDF shows, computed again from the records of the period."""
        self.ensure_one()
        Summary = self.env["aftersales.satisfaction.summary"].with_company(self.company_id)
        if self.kind == "daily":
            return Summary._daily_values(self.date_from, self.company_id)
        if self.kind == "weekly":
            return Summary._weekly_values(self.date_from, self.company_id)
        return Summary._summary_values(self.date_from, self.company_id)
