from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_date


class AftersalesSatisfactionSummary(models.AbstractModel):
    """The monthly summary of satisfaction, complaints and lost customers (sent on the 3rd)."""

    _name = "aftersales.satisfaction.summary"
    _description = "Monthly Satisfaction Summary"

    @api.model
    def _summary_values(self, month_start, company):
        month_end = month_start + relativedelta(months=1)
        Call = self.env["aftersales.followup.call"]
        calls_domain = [("company_id", "=", company.id), ("state", "=", "done"),
                        ("called_date", ">=", month_start), ("called_date", "<", month_end)]
        by_outcome = dict(Call._read_group(calls_domain, ["outcome"], ["__count"]))
        scored_domain = [*calls_domain, ("score", ">", 0)]
        [[average_score]] = Call._read_group(scored_domain, [], ["score:avg"])
        by_advisor = Call._read_group(scored_domain, ["advisor_id"], ["score:avg", "__count"])
        Complaint = self.env["aftersales.complaint"]
        complaint_domain = [("company_id", "=", company.id), ("complaint_date", ">=", month_start),
                            ("complaint_date", "<", month_end)]
        by_severity = dict(Complaint._read_group(complaint_domain, ["severity"], ["__count"]))
        by_state = dict(Complaint._read_group(complaint_domain, ["state"], ["__count"]))
        Vehicle = self.env["fleet.vehicle"]
        lost_domain = [("company_id", "=", company.id), ("lost_since", ">=", month_start),
                       ("lost_since", "<", month_end)]
        lost_by_reason = Vehicle._read_group(lost_domain, ["lost_reason"], ["__count"])
        delivered = self.env["repair.order"].search_count([
            ("company_id", "=", company.id), ("delivery_date", ">=", month_start), ("delivery_date", "<", month_end),
        ])
        reached = by_outcome.get("satisfied", 0) + by_outcome.get("problem", 0)
        major = by_severity.get("major", 0)
        return {
            "month": month_start,
            "calls": sum(by_outcome.values()),
            "satisfied": by_outcome.get("satisfied", 0),
            "satisfied_rate": 100.0 * by_outcome.get("satisfied", 0) / reached if reached else 0.0,
            "unreachable": by_outcome.get("unreachable", 0),
            "average_score": average_score or 0.0,
            "by_advisor": [(advisor, avg, count) for advisor, avg, count in by_advisor],
            "complaints": sum(by_severity.values()),
            "major_complaints": major,
            "major_complaint_rate": 100.0 * major / delivered if delivered else 0.0,
            "complaints_resolved": by_state.get("resolved", 0) + by_state.get("closed", 0),
            "lost": sum(count for _reason, count in lost_by_reason),
            "lost_by_reason": lost_by_reason,
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

    @api.model
    def _cron_send_monthly_summary(self):
        """On the 3rd: last month's figures to each company's service managers by e-mail."""
        today = fields.Date.context_today(self)
        month_start = (today - relativedelta(months=1)).replace(day=1)
        managers = self.env["res.users"]._aftersales_role_users(
            "aftersales_reception.group_service_manager"
        ).filtered("email")
        mails = self.env["mail.mail"]
        for company in managers.company_ids:
            recipients = managers.filtered(lambda user, c=company: c in user.company_ids)
            if not recipients:
                continue
            values = self.with_company(company)._summary_values(month_start, company)
            mails |= mails.create({
                "subject": self.env._("After-sales summary of %(month)s",
                                      month=format_date(self.env, month_start, date_format="MMMM y")),
                "body_html": self._render_summary(values),
                "email_to": ",".join(recipients.mapped("email_formatted")),
                "email_from": company.email_formatted or self.env.user.email_formatted,
                "auto_delete": False,
            })
        return mails
