from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches
from odoo.addons.aftersales_reception.tools.lock import lock_records

REPORT_KINDS = [("daily", "Daily Report"), ("weekly", "Weekly Report"), ("monthly", "Monthly Report")]
# The weekly report goes out on Saturday (Monday = 0).
SATURDAY = 5


class AftersalesAccessoriesReport(models.Model):
    """The accessories department's daily (by 17:00), weekly (Saturday) and monthly report (精品日报/周报/月报).

    One report per company, kind and period: the scheduled action builds and mails it once, and a second run
    finds it sent.
    """

    _name = "aftersales.accessories.report"
    _inherit = ["mail.thread", "aftersales.step.mixin"]
    _description = "Accessories Report"
    _order = "date_from desc, kind"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(REPORT_KINDS, required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    # The figures, written by the build step from the period's sales and installations.
    sale_count = fields.Integer(string="Sales", readonly=True, aftersales_step=True,
                                help="Accessory sales confirmed in the period.")
    sale_amount = fields.Monetary(string="Sales Amount", readonly=True, aftersales_step=True,
                                  help="What the customers pay for the accessory sales of the period, VAT included.")
    sale_amount_untaxed = fields.Monetary(string="Sales Amount (excl. VAT)", readonly=True, aftersales_step=True)
    installation_count = fields.Integer(string="Installations", readonly=True, aftersales_step=True,
                                        help="Installation orders whose accessories were fitted in the period.")
    installation_amount = fields.Monetary(string="Installed Amount", readonly=True, aftersales_step=True,
                                          help="The amount of the sales installed in the period, VAT included.")
    line_ids = fields.One2many("aftersales.accessories.report.line", "report_id", string="Accessories Sold",
                               readonly=True)
    state = fields.Selection([("draft", "Draft"), ("sent", "Sent")], default="draft", required=True,
                             readonly=True, tracking=True, aftersales_step=True)
    sent_date = fields.Datetime(readonly=True, copy=False, aftersales_step=True)

    _period_unique = models.Constraint(
        "UNIQUE(company_id, kind, date_from)", "There is one accessories report per company, kind and period.",
    )

    @api.depends("kind", "date_from", "date_to")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for report in self:
            if report.date_from == report.date_to:
                report.name = f"{labels.get(report.kind, '')} {report.date_from}"
            else:
                report.name = f"{labels.get(report.kind, '')} {report.date_from} – {report.date_to}"

    # ------------------------------------------------------------------
    # Periods and figures
    # ------------------------------------------------------------------

    @api.model
    def _periods_due(self, today):
        """The reports due on ``today``: the day's; the week's on Saturday (Monday to Saturday); on the 1st,
        the month before's."""
        periods = [("daily", today, today)]
        if today.weekday() == SATURDAY:
            periods.append(("weekly", today - timedelta(days=SATURDAY), today))
        if today.day == 1:
            month_start = today - relativedelta(months=1)
            periods.append(("monthly", month_start, today - timedelta(days=1)))
        return periods

    @api.model
    def _utc_bounds(self, company, date_from, date_to):
        """The period's local days (the company's working-hours time zone) as naive UTC datetimes."""
        tz = pytz.timezone(company.resource_calendar_id.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        end = tz.localize(datetime.combine(date_to + timedelta(days=1), time.min)).astimezone(pytz.utc)
        return start, end.replace(tzinfo=None)

    @api.model
    def _figures(self, company, date_from, date_to):
        """The period's accessory sales (confirmed in it) and installations (fitted in it), with the accessories
        sold by product."""
        start, end = self._utc_bounds(company, date_from, date_to)
        Sale = self.env["sale.order"]
        accessory = [("company_id", "=", company.id), ("aftersales_sale_kind", "=", "accessory"),
                     ("state", "=", "sale")]
        [[sale_count, sale_amount, sale_untaxed]] = Sale._read_group(
            [*accessory, ("date_order", ">=", start), ("date_order", "<", end)], [],
            ["__count", "amount_total:sum", "amount_untaxed:sum"],
        )
        installed = Sale.search([
            *accessory, ("installation_repair_id.job_ids.done_date", ">=", start),
            ("installation_repair_id.job_ids.done_date", "<", end),
        ])
        by_product = self.env["sale.order.line"]._read_group(
            [("order_id.company_id", "=", company.id), ("order_id.aftersales_sale_kind", "=", "accessory"),
             ("order_id.state", "=", "sale"), ("order_id.date_order", ">=", start),
             ("order_id.date_order", "<", end), ("product_id", "!=", False)],
            ["product_id"], ["product_uom_qty:sum", "price_total:sum"],
        )
        return {
            "sale_count": sale_count,
            "sale_amount": sale_amount or 0.0,
            "sale_amount_untaxed": sale_untaxed or 0.0,
            "installation_count": len(installed),
            "installation_amount": sum(installed.mapped("amount_total")),
            "line_ids": [Command.clear()] + [
                Command.create({"product_id": product.id, "quantity": quantity, "amount": amount})
                for product, quantity, amount in sorted(by_product, key=lambda row: -row[2])
            ],
        }

    @api.model
    @business_step
    def _build(self, company, kind, date_from, date_to):
        """The period's report with its figures: made, or brought up to date while it is not sent."""
        report = self.search([("company_id", "=", company.id), ("kind", "=", kind), ("date_from", "=", date_from)])
        if report.state == "sent":
            return report
        values = self._figures(company, date_from, date_to)
        if report:
            report.write(values)
            return report
        return self.create({"company_id": company.id, "kind": kind, "date_from": date_from, "date_to": date_to,
                            **values})

    def action_refresh(self):
        for report in self:
            if report.state == "sent":
                raise UserError(self.env._("Report %(report)s is sent: its figures stay as they were sent.",
                                           report=report.name))
            self._build(report.company_id, report.kind, report.date_from, report.date_to)
        return True

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _recipients(self):
        """The group's address of the company and its service managers."""
        self.ensure_one()
        managers = self.env["res.users"]._aftersales_role_users(
            "aftersales_reception.group_service_manager", self.company_id
        ).filtered("email")
        emails = managers.mapped("email_formatted")
        if self.company_id.aftersales_accessories_report_email:
            emails.insert(0, self.company_id.aftersales_accessories_report_email)
        return emails

    @business_step
    def action_send(self):
        """Mail the reports (once) to the group and the service managers, with the PDF."""
        lock_records(self)  # mailed once, even when a manager and the scheduled run send at the same moment
        template = self.env.ref("aftersales_accessories.mail_template_accessories_report")
        for report in self:
            if report.state == "sent":
                raise UserError(self.env._("Report %(report)s is already sent.", report=report.name))
            recipients = report._recipients()
            if not recipients:
                raise UserError(self.env._(
                    "Set the group's e-mail address for the accessories reports in the settings, or give the "
                    "service managers an e-mail address."
                ))
            template.send_mail(report.id, email_values={"email_to": ",".join(recipients)})
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        return True

    @api.model
    def _cron_send_reports(self):
        """Each day before 17:00: the day's report; on Saturday the week's, on the 1st the month before's.

        Each report is built and mailed in one committed batch with its sent mark: a run killed in the middle and
        run again sends the rest, none twice.
        """
        reports = self.browse()
        # The companies with an accessories department: a clerk, or an address the reports go to.
        companies = self.env["res.company"].search([("aftersales_accessories_report_email", "!=", False)])
        companies |= self.env["res.users"]._aftersales_role_users(
            "aftersales_accessories.group_accessories_clerk"
        ).company_ids
        for company in companies:
            today = fields.Date.context_today(self.with_context(tz=company.resource_calendar_id.tz or "UTC"))
            for kind, date_from, date_to in self._periods_due(today):
                reports |= self.with_company(company)._build(company, kind, date_from, date_to)
        due = reports.filtered(lambda report: report.state == "draft" and report._recipients())
        process_in_batches(due, lambda batch: batch.action_send(), size=20)
        return reports

    def action_print(self):
        return self.env.ref("aftersales_accessories.action_report_accessories_report").report_action(self)

