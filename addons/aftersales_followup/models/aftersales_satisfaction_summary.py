import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches

REPORT_XMLID = "aftersales_followup.action_report_satisfaction_mailing"


class AftersalesSatisfactionSummary(models.AbstractModel):
    """The handbook's satisfaction reports to the service managers: the daily problem list, the Monday weekly
    report and the monthly report by department with the complaints and the lost customers (sent on the 3rd)."""

    _name = "aftersales.satisfaction.summary"
    _description = "Satisfaction Reports"

    # ------------------------------------------------------------------
    # Figures
    # ------------------------------------------------------------------

    @api.model
    def _call_figures(self, date_from, date_end, company):
        """The follow-up calls made in [date_from, date_end): counts, average score, CSI by department."""
        Call = self.env["aftersales.followup.call"]
        calls_domain = [("company_id", "=", company.id), ("state", "=", "done"),
                        ("called_date", ">=", date_from), ("called_date", "<", date_end)]
        by_outcome = dict(Call._read_group(calls_domain, ["outcome"], ["__count"]))
        scored_domain = [*calls_domain, ("score", ">", 0)]
        [[average_score]] = Call._read_group(scored_domain, [], ["score:avg"])
        by_advisor = Call._read_group(scored_domain, ["advisor_id"], ["score:avg", "__count"])
        by_department = self.env["aftersales.satisfaction.report"]._read_group(
            [("company_id", "=", company.id), ("call_date", ">=", date_from), ("call_date", "<", date_end),
             ("department", "!=", False)],
            ["department"], ["score:avg", "__count"],
        )
        reached = by_outcome.get("satisfied", 0) + by_outcome.get("problem", 0)
        return {
            "calls": sum(by_outcome.values()),
            "reached": reached,
            "satisfied": by_outcome.get("satisfied", 0),
            "problems": by_outcome.get("problem", 0),
            "satisfied_rate": 100.0 * by_outcome.get("satisfied", 0) / reached if reached else 0.0,
            "unreachable": by_outcome.get("unreachable", 0),
            "average_score": average_score or 0.0,
            "by_advisor": [(advisor, avg, count) for advisor, avg, count in by_advisor],
            "by_department": [(department, avg, count) for department, avg, count in by_department],
            "problem_calls": Call.search([*calls_domain, ("outcome", "=", "problem")], order="called_date, id"),
        }

    @api.model
    def _daily_values(self, day, company):
        """每日问题清单: the calls of the day that found a problem, with who handles it and by when."""
        return {"date_from": day, "date_to": day, **self._call_figures(day, day + timedelta(days=1), company)}

    @api.model
    def _weekly_values(self, monday, company):
        """周报: the week's satisfaction, and the customers with a problem and how far it is resolved."""
        week_end = monday + timedelta(days=7)
        return {"date_from": monday, "date_to": week_end - timedelta(days=1),
                **self._call_figures(monday, week_end, company)}

    @api.model
    def _summary_values(self, month_start, company):
        """月报: the month's satisfaction by department, the complaint resolution table and the churn rate."""
        month_end = month_start + relativedelta(months=1)
        Complaint = self.env["aftersales.complaint"]
        complaint_domain = [("company_id", "=", company.id), ("complaint_date", ">=", month_start),
                            ("complaint_date", "<", month_end)]
        by_severity = dict(Complaint._read_group(complaint_domain, ["severity"], ["__count"]))
        by_state = dict(Complaint._read_group(complaint_domain, ["state"], ["__count"]))
        Vehicle = self.env["fleet.vehicle"]
        customer_domain = [("company_id", "=", company.id), ("vehicle_usage", "=", "customer")]
        lost_domain = [*customer_domain, ("lost_since", ">=", month_start), ("lost_since", "<", month_end)]
        lost_by_reason = Vehicle._read_group(lost_domain, ["lost_reason"], ["__count"])
        # Churn rate (流失率): vehicles flagged lost in the month over the customer vehicles not lost before it.
        lost, active_customers, churn_rate = Vehicle._aftersales_churn(
            month_start, month_end - timedelta(days=1), [("company_id", "=", company.id)],
        )
        delivered = self.env["repair.order"].search_count([
            ("company_id", "=", company.id), ("delivery_date", ">=", month_start), ("delivery_date", "<", month_end),
        ])
        major = by_severity.get("major", 0)
        return {
            "month": month_start,
            "date_from": month_start,
            "date_to": month_end - timedelta(days=1),
            **self._call_figures(month_start, month_end, company),
            "complaints": sum(by_severity.values()),
            "major_complaints": major,
            "major_complaint_rate": 100.0 * major / delivered if delivered else 0.0,
            "complaints_resolved": by_state.get("resolved", 0) + by_state.get("closed", 0),
            "complaint_records": Complaint.search(complaint_domain, order="complaint_date, id"),
            "complaints_by_department": Complaint._read_group(complaint_domain, ["department"], ["__count"]),
            "lost": lost,
            "lost_by_reason": lost_by_reason,
            "active_customers": active_customers,
            "churn_rate": churn_rate,
            "delivered": delivered,
        }

    @api.model
    def _render_summary(self, values):
        env = self.env
        return env["ir.qweb"]._render("aftersales_followup.monthly_summary_mail", {
            **values,
            "month_label": format_date(env, values["month"], date_format="MMMM y"),
            "reasons": dict(env["fleet.vehicle"]._fields["lost_reason"]._description_selection(env)),
        })

    # ------------------------------------------------------------------
    # Sending, once per period
    # ------------------------------------------------------------------

    @api.model
    def _report_period(self, kind, today):
        """The last complete period before ``today``: yesterday, last week (Monday to Sunday), last month."""
        if kind == "daily":
            yesterday = today - timedelta(days=1)
            return yesterday, yesterday
        if kind == "weekly":
            monday = today - timedelta(days=today.weekday() + 7)
            return monday, monday + timedelta(days=6)
        month_start = (today - relativedelta(months=1)).replace(day=1)
        return month_start, month_start + relativedelta(months=1) - timedelta(days=1)

    @api.model
    def _cron_send_monthly_summary(self):
        """On the 3rd: last month's report to each company's service managers."""
        return self._cron_send_period_reports("monthly")

    @api.model
    @business_step
    def _cron_send_period_reports(self, kind):
        """The last period's report as a PDF mailed to each company's service managers, once per period.

        The period sent is stored with the company (unique), in the same transaction as the e-mail: a run again,
        or a run after a crash, sends only what was not sent. Each company is committed on its own.
        """
        date_from, date_to = self._report_period(kind, fields.Date.context_today(self))
        managers = self.env["res.users"]._aftersales_role_users(
            "aftersales_reception.group_service_manager"
        ).filtered("email")
        sent = self.env["aftersales.satisfaction.mailing"].search([
            ("kind", "=", kind), ("date_from", "=", date_from),
        ]).company_id
        mails = self.env["mail.mail"]

        def send(companies):
            nonlocal mails
            for company in companies:
                recipients = managers.filtered(lambda user, c=company: c in user.company_ids)
                mails |= self.with_company(company).with_context(
                    lang=recipients[:1].lang or self.env.lang,
                )._send_period_report(kind, date_from, date_to, company, recipients)

        process_in_batches(managers.company_ids - sent, send, size=1)
        return mails

    @api.model
    def _send_period_report(self, kind, date_from, date_to, company, recipients):
        mailing = self.env["aftersales.satisfaction.mailing"].create({
            "company_id": company.id, "kind": kind, "date_from": date_from, "date_to": date_to,
            "email_to": ",".join(recipients.mapped("email_formatted")),
        })
        pdf, _type = self.env["ir.actions.report"]._render_qweb_pdf(REPORT_XMLID, mailing.ids)
        title = mailing.display_name
        attachment = self.env["ir.attachment"].create({
            "name": f"{title}.pdf", "type": "binary", "datas": base64.b64encode(pdf),
            "res_model": mailing._name, "res_id": mailing.id, "mimetype": "application/pdf",
        })
        body = self.env["ir.qweb"]._render("aftersales_followup.satisfaction_report_mail", {"title": title})
        if kind == "monthly":
            body += self._render_summary(mailing._report_values())
        mail = self.env["mail.mail"].create({
            "subject": self.env._("%(report)s – %(company)s", report=title, company=company.name),
            "body_html": body,
            "email_to": mailing.email_to,
            "email_from": company.email_formatted or self.env.user.email_formatted,
            "attachment_ids": [(4, attachment.id)],
            "auto_delete": False,
        })
        mailing.write({"mail_id": mail.id, "attachment_id": attachment.id})
        return mail
