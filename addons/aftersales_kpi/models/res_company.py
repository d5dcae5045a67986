from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import Command, fields, models

# The mailed reports: the report's action, the period it covers ending yesterday.
MAILED_REPORTS = {
    "daily": "aftersales_kpi.action_report_daily",
    "weekly": "aftersales_kpi.action_report_statistics",
    "monthly": "aftersales_kpi.action_report_statistics",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_labour_cost_rate = fields.Monetary(
        string="Labour Cost per Clocked Hour", currency_field="currency_id", default=60.0,
        help="What one clocked hour of a technician costs the dealer (wages and charges): the labour cost of the "
             "gross margin.",
    )

    aftersales_reminder_conversion_days = fields.Integer(
        string="Reminder Conversion Window (days)", default=30,
        help="A reminder converts when the car comes in within these days after the customer was contacted.",
    )

    def _aftersales_report_period(self, kind, today):
        """The period a mailed report covers: yesterday, last week (Monday to Sunday) or last month."""
        if kind == "daily":
            day = today - relativedelta(days=1)
            return day, day
        if kind == "weekly":
            monday = today - relativedelta(days=today.weekday() + 7)
            return monday, monday + relativedelta(days=6)
        first = today.replace(day=1) - relativedelta(months=1)
        return first, today.replace(day=1) - relativedelta(days=1)

    def _aftersales_report_recipients(self):
        """The company's service managers with an e-mail address."""
        self.ensure_one()
        group = self.env.ref("aftersales_reception.group_service_manager")
        return group.all_user_ids.filtered(
            lambda user: self in user.company_ids and user.email and not user.share and user.active
        ).partner_id

    def _cron_aftersales_kpi_reports(self, kind):
        """Bring the facts up to date, then mail the report of the period to each company's service managers,
        the PDF attached."""
        self.env["aftersales.kpi.visit"]._cron_refresh()
        today = fields.Date.context_today(self)
        date_from, date_to = self._aftersales_report_period(kind, today)
        data = {"date": fields.Date.to_string(date_from), "date_from": fields.Date.to_string(date_from),
                "date_to": fields.Date.to_string(date_to)}
        report = self.env.ref(MAILED_REPORTS[kind])
        mails = self.env["mail.mail"]
        for company in self.search([("active", "=", True)]):
            recipients = company._aftersales_report_recipients()
            if not recipients:
                continue
            mails |= company._aftersales_mail_report(report, kind, data, recipients)
        return mails

    def _aftersales_mail_report(self, report, kind, data, recipients):
        self.ensure_one()
        pdf, _format = self.env["ir.actions.report"].with_company(self)._render_qweb_pdf(
            report.report_name, res_ids=self.ids, data=data,
        )
        titles = {
            "daily": self.env._("Daily Report %(date)s", date=data["date"]),
            "weekly": self.env._("Weekly Business Statistics %(date_from)s - %(date_to)s", **data),
            "monthly": self.env._("Monthly Business Statistics %(date_from)s - %(date_to)s", **data),
        }
        title = f"{self.name} {titles[kind]}"
        attachment = self.env["ir.attachment"].create({
            "name": f"{title}.pdf", "type": "binary", "raw": pdf, "mimetype": "application/pdf",
            "res_model": "res.company", "res_id": self.id,
        })
        return self.env["mail.mail"].create({
            "subject": title,
            "body_html": escape(self.env._("The %(title)s is attached.", title=title)),  # the company name is text
            "email_from": self.email_formatted or self.env.user.email_formatted,
            "recipient_ids": [Command.set(recipients.ids)],
            "attachment_ids": [Command.set(attachment.ids)],
            "author_id": self.partner_id.id,
        })
