from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from .aftersales_kpi_visit import DAY_DATES, DAY_FLAGS, DAY_SUMS

# The KPIs the service manager sets targets for and the dashboard shows, in the handbooks' order.
KPI_CODES = [
    ("cars_in", "Cars In"),
    ("maintenance_in", "Maintenance Visits"),
    ("revenue", "Revenue"),
    ("revenue_labour", "Labour Revenue"),
    ("revenue_parts", "Parts Revenue"),
    ("revenue_customer", "Customer Revenue"),
    ("revenue_warranty", "Warranty Revenue"),
    ("revenue_insurance", "Insurance Revenue"),
    ("revenue_internal", "Internal Revenue"),
    ("revenue_goodwill", "Goodwill Revenue"),
    ("revenue_per_car", "Revenue per Car"),
    ("gross_margin", "Gross Margin"),
    ("first_time_fix_rate", "First-time Fix Rate"),
    ("on_time_rate", "On-time Delivery Rate"),
    ("appointment_rate", "Appointment Rate"),
    ("comeback_rate", "Comeback Rate"),
    ("labour_efficiency", "Labour Efficiency"),
    ("csi_score", "Satisfaction Score (CSI)"),
    ("satisfied_rate", "Satisfied Rate"),
    ("complaint_rate", "Complaint Rate"),
    ("major_complaint_rate", "Major Complaint Rate"),
    ("reminder_conversion", "Reminder Conversion Rate"),
    ("churn_rate", "Churn Rate"),
    ("labour_utilisation", "Labour Utilisation"),
    ("renewal_rate", "Insurance Renewal Rate"),
    ("first_service_return_rate", "First Service Return Rate"),
    ("maintenance_return_rate", "Maintenance Return Rate"),
]
RATE_KPIS = ("first_time_fix_rate", "on_time_rate", "appointment_rate", "comeback_rate", "labour_efficiency",
             "satisfied_rate", "complaint_rate", "major_complaint_rate", "reminder_conversion", "churn_rate",
             "labour_utilisation", "renewal_rate", "first_service_return_rate", "maintenance_return_rate")
# Rates that cannot pass 100 % (a technician may sell more hours than he clocks, an order have two complaints).
PERCENT_KPIS = ("first_time_fix_rate", "on_time_rate", "appointment_rate", "comeback_rate", "satisfied_rate",
                "reminder_conversion", "churn_rate", "labour_utilisation", "renewal_rate", "first_service_return_rate",
                "maintenance_return_rate")
# KPIs of the whole department counted on other records than the work orders (no advisor or repair category):
# the method computing (value, action) for a period and companies.
DEPARTMENT_KPIS = {
    "reminder_conversion": "_reminder_conversion",
    "churn_rate": "_churn_rate",
    "labour_utilisation": "_labour_utilisation",
    "renewal_rate": "_renewal_rate",
    "first_service_return_rate": "_first_service_return_rate",
    "maintenance_return_rate": "_maintenance_return_rate",
}

# Each KPI: the date its records are counted by, the filter of its records, and how it is computed from the sums
# of the facts (numerator, denominator): a count, a sum, or a ratio in per cent.
KPI_DEFINITIONS = {
    "cars_in": ("date_in", [], ("__count", None)),
    "maintenance_in": ("date_in", [("is_maintenance", "=", True)], ("__count", None)),
    "revenue": ("date_settled", [("is_settled", "=", True)], ("revenue", None)),
    "revenue_labour": ("date_settled", [("is_settled", "=", True)], ("revenue_labour", None)),
    "revenue_parts": ("date_settled", [("is_settled", "=", True)], ("revenue_parts", None)),
    "revenue_customer": ("date_settled", [("is_settled", "=", True)], ("revenue_customer", None)),
    "revenue_warranty": ("date_settled", [("is_settled", "=", True)], ("revenue_warranty", None)),
    "revenue_insurance": ("date_settled", [("is_settled", "=", True)], ("revenue_insurance", None)),
    "revenue_internal": ("date_settled", [("is_settled", "=", True)], ("revenue_internal", None)),
    "revenue_goodwill": ("date_settled", [("is_settled", "=", True)], ("revenue_goodwill", None)),
    "revenue_per_car": ("date_settled", [("is_settled", "=", True)], ("revenue", "__count")),
    "gross_margin": ("date_settled", [("is_settled", "=", True)], ("gross_margin", None)),
    "first_time_fix_rate": ("date_delivered", [("is_delivered", "=", True)], ("jobs_first_time", "jobs_done")),
    "on_time_rate": ("date_delivered", [("is_delivered", "=", True)], ("on_time", "__count")),
    "appointment_rate": ("date_in", [], ("booked", "__count")),
    "comeback_rate": ("date_delivered", [("is_delivered", "=", True)], ("comeback", "__count")),
    "labour_efficiency": ("date_delivered", [("is_delivered", "=", True)], ("sold_hours", "clocked_hours")),
    # The first follow-up call of the orders delivered in the period: the average score and the share satisfied
    # of the customers reached; complaints about the orders delivered, per order delivered.
    "csi_score": ("date_delivered", [("is_delivered", "=", True)], ("csi_score", "calls_scored")),
    "satisfied_rate": ("date_delivered", [("is_delivered", "=", True)], ("calls_satisfied", "calls_reached")),
    "complaint_rate": ("date_delivered", [("is_delivered", "=", True)], ("complaint_count", "__count")),
    "major_complaint_rate": ("date_delivered", [("is_delivered", "=", True)], ("major_complaint_count", "__count")),
}


class AftersalesKpiTarget(models.Model):
    """What the service manager aims at for a KPI in a month or a year, for the company, an advisor or a repair
    category."""

    _name = "aftersales.kpi.target"
    _description = "After-sales KPI Target"
    _order = "period_start desc, kpi_code"
    _check_company_auto = True

    kpi_code = fields.Selection(KPI_CODES, string="KPI", required=True)
    period_type = fields.Selection([("month", "Month"), ("year", "Year")], required=True, default="month")
    period_start = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", check_company=True,
                                 help="Empty: the target of the whole department.")
    repair_category_id = fields.Many2one("aftersales.repair.category", check_company=True)
    target = fields.Float(required=True, digits=(16, 2), help="Rates in per cent, amounts in the company currency.")

    _target_unique = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (kpi_code, period_type, period_start, company_id, advisor_id, "
        "repair_category_id)",
        "There is one target per KPI, period, advisor and repair category.",
    )

    @api.constrains("period_type", "period_start", "target", "kpi_code")
    def _check_period(self):
        for target in self:
            start = target.period_start
            if start.day != 1 or (target.period_type == "year" and start.month != 1):
                raise ValidationError(self.env._(
                    "A target's period starts on the first day of its month or of its year."
                ))
            if target.target < 0:
                raise ValidationError(self.env._("A target cannot be negative."))
            if target.kpi_code in PERCENT_KPIS and target.target > 100:
                raise ValidationError(self.env._(
                    "The target of %(kpi)s is a rate between 0 and 100 %%.", kpi=target._kpi_label(target.kpi_code)
                ))

    @api.depends("kpi_code", "period_start")
    def _compute_display_name(self):
        for target in self:
            target.display_name = f"{target._kpi_label(target.kpi_code) if target.kpi_code else ''} " \
                                  f"{target.period_start or ''}".strip()

    @api.model
    def _kpi_label(self, code):
        return dict(self._fields["kpi_code"]._description_selection(self.env))[code]

    # ------------------------------------------------------------------
    # The figures
    # ------------------------------------------------------------------

    @api.model
    def _compute_kpis(self, date_from, date_to, domain=None, advisor=None, repair_category=None):
        """Each KPI of the period ``date_from``-``date_to`` (dates, both included) on the facts of ``domain``:
        {code: {"name", "value", "previous", "target", "is_rate", "action"}}.

        The previous period is the one of the same length just before (the previous month for a calendar
        month, the previous year for a calendar year); the target is the month's or the year's the manager set
        for the company, or for ``advisor`` / ``repair_category`` when given (they also narrow the facts).
        The department's KPIs counted on other records (reminder conversion, churn) come on the whole
        department's figures only, without ``domain``, advisor or repair category.
        """
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        base = Domain(domain or []) & Domain("company_id", "in", self.env.companies.ids)
        if advisor:
            base &= Domain("advisor_id", "=", advisor.id)
        if repair_category:
            base &= Domain("repair_category_id", "=", repair_category.id)
        previous_from, previous_to = self._previous_period(date_from, date_to)
        # The whole department's figures, as the manager reads them, come from the daily roll-up.
        from_days = not (domain or advisor or repair_category) and self.env["aftersales.kpi.visit"]._reads_every_fact()
        current = self._kpi_values(date_from, date_to, base, from_days)
        previous = self._kpi_values(previous_from, previous_to, base, from_days)
        targets = self._targets_for(date_from, date_to, advisor, repair_category)
        kpis = {
            code: {
                "name": self._kpi_label(code),
                "value": current[code],
                "previous": previous[code],
                "target": targets.get(code),
                "is_rate": code in RATE_KPIS,
                "action": self._kpi_action(code, date_from, date_to, base),
            }
            for code, _label in KPI_CODES if code in KPI_DEFINITIONS
        }
        if not (domain or advisor or repair_category):
            companies = self.env.companies
            for code, method in DEPARTMENT_KPIS.items():
                value, action = getattr(self, method)(date_from, date_to, companies)
                previous_value, _action = getattr(self, method)(previous_from, previous_to, companies)
                kpis[code] = {"name": self._kpi_label(code), "value": value, "previous": previous_value,
                              "target": targets.get(code), "is_rate": True, "action": action}
        return kpis

    @api.model
    def _reminder_conversion(self, date_from, date_to, companies, extra_domain=None):
        """Reminders followed by a visit within the company's window ÷ reminders sent, in the period (提醒转化率)."""
        self.env.flush_all()  # a view over reminders and work orders: what the ORM holds is written first
        Conversion = self.env["aftersales.kpi.reminder"]
        domain = Domain(extra_domain or []) & Domain("company_id", "in", companies.ids) \
            & Domain("contact_date", ">=", date_from) & Domain("contact_date", "<=", date_to)
        counts = dict(Conversion._read_group(domain, ["is_converted"], ["__count"]))
        sent = sum(counts.values())
        value = round(counts.get(True, 0) * 100.0 / sent, 2) if sent else 0.0
        return value, {
            "type": "ir.actions.act_window",
            "name": self._kpi_label("reminder_conversion"),
            "res_model": "aftersales.kpi.reminder",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": list(domain),
        }

    @api.model
    def _labour_utilisation(self, date_from, date_to, companies, extra_domain=None):
        """Hours the technicians clocked on jobs ÷ the hours they attended (their working calendar less their time
        off), in the period (工时利用率)."""
        technicians = self.env["res.users"].sudo().search(  # sudo: the technicians' hours, not their user records
            Domain(extra_domain or []) & Domain("aftersales_is_technician", "=", True)
            & Domain("company_id", "in", companies.ids)
        )
        start, stop = datetime.combine(date_from, time.min), datetime.combine(date_to + relativedelta(days=1), time.min)
        attended = sum(technicians._aftersales_attended_hours(start, stop).values())
        clocked = sum(technicians._aftersales_clocked_hours(start, stop).values())
        value = round(clocked * 100.0 / attended, 2) if attended else 0.0
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_workshop.res_users_technician_load_action")
        action["domain"] = [("id", "in", technicians.ids)]
        return value, action

    @api.model
    def _churn_rate(self, date_from, date_to, companies, extra_domain=None):
        """Customer vehicles found lost in the period ÷ the customer vehicles not lost before it (流失率)."""
        domain = Domain(extra_domain or []) & Domain("company_id", "in", companies.ids)
        Vehicle = self.env["fleet.vehicle"].sudo()  # sudo: the manager reads the fleet's counts, not each owner's
        _lost, _active, rate = Vehicle._aftersales_churn(date_from, date_to, domain)
        lost_domain = domain & Domain("vehicle_usage", "=", "customer") & Domain("lost_since", ">=", date_from) \
            & Domain("lost_since", "<=", date_to)
        return round(rate, 2), {
            "type": "ir.actions.act_window",
            "name": self._kpi_label("churn_rate"),
            "res_model": "fleet.vehicle",
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": list(lost_domain),
        }

    @api.model
    def _renewal_rate(self, date_from, date_to, companies, extra_domain=None):
        """Insurance due in the period renewed through the dealer ÷ insurance due (续保率): the vehicles' insurance
        reminders of the period, each answered by its renewal when one is recorded."""
        domain = Domain(extra_domain or []) & Domain("company_id", "in", companies.ids) \
            & Domain("kind", "=", "insurance") & Domain("state", "!=", "cancelled") \
            & Domain("due_date", ">=", date_from) & Domain("due_date", "<=", date_to)
        counts = dict(self.env["aftersales.reminder"]._read_group(domain, ["renewal_channel"], ["__count"]))
        due = sum(counts.values())
        value = round(counts.get("dealer", 0) * 100.0 / due, 2) if due else 0.0
        return value, {
            "type": "ir.actions.act_window",
            "name": self._kpi_label("renewal_rate"),
            "res_model": "aftersales.reminder",
            "view_mode": "list,pivot,form",
            "views": [(False, "list"), (False, "pivot"), (False, "form")],
            "domain": list(domain),
            "context": {"group_by": ["renewal_channel"]},
        }

    @api.model
    def _service_return_rate(self, kind, date_from, date_to, companies, extra_domain=None):
        """First services or maintenance due in the period whose car came back around the due date ÷ those due
        (首保/定保回厂率)."""
        self.env.flush_all()  # a view over reminders and work orders: what the ORM holds is written first
        code = f"{kind}_return_rate"
        domain = Domain(extra_domain or []) & Domain("company_id", "in", companies.ids) & Domain("kind", "=", kind) \
            & Domain("due_date", ">=", date_from) & Domain("due_date", "<=", date_to)
        counts = dict(self.env["aftersales.kpi.service.return"]._read_group(domain, ["is_returned"], ["__count"]))
        due = sum(counts.values())
        value = round(counts.get(True, 0) * 100.0 / due, 2) if due else 0.0
        return value, {
            "type": "ir.actions.act_window",
            "name": self._kpi_label(code),
            "res_model": "aftersales.kpi.service.return",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": list(domain),
        }

    @api.model
    def _first_service_return_rate(self, date_from, date_to, companies, extra_domain=None):
        return self._service_return_rate("first_service", date_from, date_to, companies, extra_domain)

    @api.model
    def _maintenance_return_rate(self, date_from, date_to, companies, extra_domain=None):
        return self._service_return_rate("maintenance", date_from, date_to, companies, extra_domain)

    @api.model
    def _previous_period(self, date_from, date_to):
        if date_from.day == 1 and date_to == date_from + relativedelta(months=1, days=-1):
            return date_from - relativedelta(months=1), date_from - relativedelta(days=1)
        if (date_from.month, date_from.day) == (1, 1) and date_to == date_from + relativedelta(years=1, days=-1):
            return date_from - relativedelta(years=1), date_from - relativedelta(days=1)
        span = date_to - date_from
        return date_from - span - relativedelta(days=1), date_from - relativedelta(days=1)

    @api.model
    def _kpi_domain(self, code, date_from, date_to, base):
        date_field, extra, _formula = KPI_DEFINITIONS[code]
        return base & Domain(extra) & Domain(date_field, ">=", date_from) & Domain(date_field, "<=", date_to)

    @api.model
    def _kpi_values(self, date_from, date_to, base, from_days=False):
        """The KPIs' values in one grouped read per date the KPIs count by: of the facts of ``base``, or of the
        daily roll-up of the companies' facts (``from_days``: the department's figures, read by the manager)."""
        Visit = self.env["aftersales.kpi.visit"]
        totals = {}
        for date_field, flag in DAY_DATES.items():
            if from_days:
                groups = Visit._day_groups(date_field, date_from, date_to, self.env.companies)
            else:
                period = base & Domain(date_field, ">=", date_from) & Domain(date_field, "<=", date_to)
                if flag:
                    period &= Domain(flag, "=", True)
                groups = Visit._read_group(
                    period, list(DAY_FLAGS), ["__count", *(f"{name}:sum" for name in DAY_SUMS)],
                )
            figures = dict.fromkeys(["__count", "maintenance", "booked", "on_time", "comeback", *DAY_SUMS], 0.0)
            for maintenance, booked, on_time, comeback, count, *values in groups:
                figures["__count"] += count
                figures["maintenance"] += count if maintenance else 0
                figures["booked"] += count if booked else 0
                figures["on_time"] += count if on_time else 0
                figures["comeback"] += count if comeback else 0
                for name, value in zip(DAY_SUMS, values, strict=True):
                    figures[name] += value or 0.0
            totals[date_field] = figures
        values = {}
        for code, (date_field, _extra, (numerator, denominator)) in KPI_DEFINITIONS.items():
            figures = totals[date_field]
            top = figures["maintenance"] if code == "maintenance_in" else figures[numerator]
            if denominator is None:
                values[code] = round(top, 2)
            else:
                below = figures[denominator]
                ratio = top / below if below else 0.0
                values[code] = round(ratio * 100.0, 2) if code in RATE_KPIS else round(ratio, 2)
        return values

    @api.model
    def _targets_for(self, date_from, date_to, advisor=None, repair_category=None):
        """The targets of the period: the year's for a period longer than a month, else the month's."""
        period_type = "year" if (date_to - date_from).days > 31 else "month"
        start = date_from.replace(month=1, day=1) if period_type == "year" else date_from.replace(day=1)
        targets = self.search([
            ("company_id", "=", self.env.company.id), ("period_type", "=", period_type),
            ("period_start", "=", start), ("advisor_id", "=", advisor.id if advisor else False),
            ("repair_category_id", "=", repair_category.id if repair_category else False),
        ])
        return {target.kpi_code: target.target for target in targets}

    @api.model
    def _kpi_action(self, code, date_from, date_to, base):
        """The facts a KPI counts, to open from its figure (a rate opens its denominator's records)."""
        return {
            "type": "ir.actions.act_window",
            "name": self._kpi_label(code),
            "res_model": "aftersales.kpi.visit",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": list(self._kpi_domain(code, date_from, date_to, base)),
        }

    @api.model
    def action_open_kpi(self, code, date_from, date_to):
        """Open the records a KPI of the period counts (the dashboard's and the reports' figures)."""
        date_from, date_to = fields.Date.to_date(date_from), fields.Date.to_date(date_to)
        if code in DEPARTMENT_KPIS:
            return getattr(self, DEPARTMENT_KPIS[code])(date_from, date_to, self.env.companies)[1]
        if code not in KPI_DEFINITIONS:
            raise ValidationError(self.env._("Unknown KPI %(code)s.", code=code))
        base = Domain("company_id", "in", self.env.companies.ids)
        return self._kpi_action(code, date_from, date_to, base)
