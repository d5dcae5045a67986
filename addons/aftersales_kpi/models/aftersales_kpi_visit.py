from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.aftersales_reception.models.aftersales_job import PAYERS

# The system parameter that keeps when the facts were last brought up to date.
LAST_REFRESH_PARAM = "aftersales_kpi.last_refresh"
# The timezone a dealer's day is counted in when its company's address has none.
DEFAULT_TZ = "Asia/Shanghai"

# The table's columns, in the order of the statement that fills it.
COLUMNS = """
    id integer PRIMARY KEY,
    repair_id integer NOT NULL,
    company_id integer NOT NULL,
    date_in date,
    date_settled date,
    date_delivered date,
    promised_date timestamp,
    delivery_date timestamp,
    advisor_id integer,
    team_id integer,
    technician_id integer,
    vehicle_id integer,
    model_id integer,
    brand_id integer,
    repair_category_id integer,
    is_maintenance boolean,
    is_booked boolean,
    is_settled boolean,
    is_delivered boolean,
    is_on_time boolean,
    is_comeback boolean,
    has_comeback boolean,
    has_rework boolean,
    jobs_done integer,
    jobs_first_time integer,
    sold_hours numeric,
    clocked_hours numeric,
    revenue_labour numeric,
    revenue_parts numeric,
    revenue numeric,
    revenue_customer numeric,
    revenue_warranty numeric,
    revenue_insurance numeric,
    revenue_internal numeric,
    revenue_goodwill numeric,
    parts_cost numeric,
    labour_cost numeric,
    gross_margin numeric,
    calls_reached integer,
    calls_satisfied integer,
    calls_scored integer,
    csi_score numeric,
    complaint_count integer,
    major_complaint_count integer,
    refresh_date timestamp
"""

# The daily roll-up of the facts: per company, day and the date a figure counts by, the visits and the sums the
# KPIs divide. The department's KPIs of a year or five read a few thousand of its rows, not a million facts.
DAY_TABLE = "aftersales_kpi_visit_day"
# The date each KPI counts by, and the flag a fact needs to count on it.
DAY_DATES = {"date_in": None, "date_settled": "is_settled", "date_delivered": "is_delivered"}
DAY_FLAGS = ("is_maintenance", "is_booked", "is_on_time", "is_comeback")
DAY_SUMS = ("revenue", "revenue_labour", "revenue_parts", "gross_margin", "jobs_first_time", "jobs_done",
            "sold_hours", "clocked_hours", "calls_reached", "calls_satisfied", "calls_scored", "csi_score",
            "complaint_count", "major_complaint_count", *(f"revenue_{payer}" for payer, _label in PAYERS))


class AftersalesKpiVisit(models.Model):
    """One row per after-sales work order with the figures the management reports add up (a fact table).

    A real table filled by set-based SQL (``refresh``), not a view: the reports read years of a large dealership's
    orders in well under a second, and the nightly run and the run for recently changed orders keep it current.
    """

    _name = "aftersales.kpi.visit"
    _description = "After-sales KPI Fact"
    _auto = False
    _rec_name = "repair_id"
    _order = "date_in desc, id desc"

    repair_id = fields.Many2one("repair.order", string="Work Order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_in = fields.Date(string="Check-in Date", readonly=True)
    date_settled = fields.Date(string="Settlement Date", readonly=True)
    date_delivered = fields.Date(string="Delivery Date", readonly=True)
    promised_date = fields.Datetime(string="Promised Time", readonly=True)
    delivery_date = fields.Datetime(string="Delivered at", readonly=True)
    advisor_id = fields.Many2one("res.users", string="Service Advisor", readonly=True)
    team_id = fields.Many2one("aftersales.workshop.team", readonly=True)
    technician_id = fields.Many2one("res.users", string="Main Technician", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    model_id = fields.Many2one("fleet.vehicle.model", string="Car Model", readonly=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", readonly=True)
    repair_category_id = fields.Many2one("aftersales.repair.category", readonly=True)
    is_maintenance = fields.Boolean(string="Maintenance Visit", readonly=True)
    is_booked = fields.Boolean(readonly=True, help="The car came from an appointment booked ahead (not a walk-in).")
    is_settled = fields.Boolean(readonly=True)
    is_delivered = fields.Boolean(readonly=True)
    is_on_time = fields.Boolean(string="Delivered on Time", readonly=True,
                                help="Delivered by the last promised time the customer agreed.")
    is_comeback = fields.Boolean(readonly=True, help="The car came back for earlier work (返修).")
    has_comeback = fields.Boolean(string="Came Back", readonly=True, help="A comeback was opened for this order.")
    has_rework = fields.Boolean(string="Reworked", readonly=True, help="The quality check sent a job back.")
    jobs_done = fields.Integer(string="Jobs Finished", readonly=True)
    jobs_first_time = fields.Integer(string="Jobs Fixed First Time", readonly=True,
                                     help="Finished jobs without rework, on an order without a comeback.")
    sold_hours = fields.Float(readonly=True, digits=(16, 2))
    clocked_hours = fields.Float(readonly=True, digits=(16, 2))
    revenue_labour = fields.Monetary(string="Labour Revenue", readonly=True)
    revenue_parts = fields.Monetary(string="Parts Revenue", readonly=True)
    revenue = fields.Monetary(readonly=True, help="Labour and parts settled, before tax.")
    revenue_customer = fields.Monetary(string="Customer Revenue", readonly=True)
    revenue_warranty = fields.Monetary(string="Warranty Revenue", readonly=True)
    revenue_insurance = fields.Monetary(string="Insurance Revenue", readonly=True)
    revenue_internal = fields.Monetary(string="Internal Revenue", readonly=True)
    revenue_goodwill = fields.Monetary(string="Goodwill Revenue", readonly=True)
    parts_cost = fields.Monetary(readonly=True, help="The stock value of the parts fitted.")
    labour_cost = fields.Monetary(readonly=True, help="Clocked hours at the company's labour cost rate.")
    gross_margin = fields.Monetary(readonly=True)
    # The first follow-up call after delivery and the complaints about the order (客户满意度, 投诉率).
    calls_reached = fields.Integer(string="Follow-up Reached", readonly=True,
                                   help="1 when the first follow-up call reached the customer.")
    calls_satisfied = fields.Integer(string="Satisfied Customers", readonly=True,
                                     help="1 when the customer said on the first follow-up call they were satisfied.")
    calls_scored = fields.Integer(string="Scored Follow-ups", readonly=True,
                                  help="1 when the first follow-up call or its questionnaire gave a score.")
    csi_score = fields.Float(string="Satisfaction Score", readonly=True, digits=(16, 2), aggregator="avg",
                             help="The score (1–5) the customer gave on the first follow-up call.")
    complaint_count = fields.Integer(string="Complaints", readonly=True)
    major_complaint_count = fields.Integer(string="Major Complaints", readonly=True)
    refresh_date = fields.Datetime(string="Refreshed on", readonly=True)

    def init(self):
        cr = self.env.cr
        cr.execute(SQL("CREATE TABLE IF NOT EXISTS %s (%s)", SQL.identifier(self._table), SQL(COLUMNS)))
        # A table made by an earlier version gets the columns added since (the next refresh fills them).
        for column in COLUMNS.strip().split(",\n"):
            cr.execute(SQL("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s", SQL.identifier(self._table),
                           SQL(column.strip())))
        # What the reports filter and group on: the period of each figure in a company, and the dimensions.
        for name, columns in (
            ("company_date_in", "company_id, date_in"),
            ("company_date_settled", "company_id, date_settled"),
            ("company_date_delivered", "company_id, date_delivered"),
            ("advisor_date_in", "advisor_id, date_in"),
            ("repair_id", "repair_id"),
        ):
            cr.execute(SQL(
                "CREATE INDEX IF NOT EXISTS %s ON %s (%s)",
                SQL.identifier(f"{self._table}_{name}_idx"), SQL.identifier(self._table), SQL(columns),
            ))
        cr.execute(SQL("SELECT to_regclass(%s) IS NULL", DAY_TABLE))
        day_table_is_new = cr.fetchone()[0]
        cr.execute(SQL(
            "CREATE TABLE IF NOT EXISTS %s (company_id integer NOT NULL, date_field varchar NOT NULL, "
            "day date NOT NULL, %s, visits integer NOT NULL, %s)",
            SQL.identifier(DAY_TABLE),
            SQL(", ").join(SQL("%s boolean", SQL.identifier(flag)) for flag in DAY_FLAGS),
            SQL(", ").join(SQL("%s numeric", SQL.identifier(name)) for name in DAY_SUMS),
        ))
        cr.execute(SQL("CREATE INDEX IF NOT EXISTS %s ON %s (company_id, date_field, day)",
                       SQL.identifier(f"{DAY_TABLE}_company_date_idx"), SQL.identifier(DAY_TABLE)))
        if day_table_is_new:
            self._refresh_days()  # an upgrade from a version without it: the facts already there

    # ------------------------------------------------------------------
    # Refresh
    # ------------------------------------------------------------------

    @api.model
    def refresh(self, repair_ids=None):
        """Bring the facts up to date: every order, or only ``repair_ids`` (and the orders they are comebacks
        of, whose flag they change). Set-based: one delete and one insert whatever the number of orders."""
        self.env.flush_all()
        cr = self.env.cr
        if repair_ids is not None:
            if not repair_ids:
                return 0
            cr.execute(SQL(
                "SELECT id FROM repair_order WHERE id = ANY(%(ids)s) UNION "
                "SELECT comeback_of_id FROM repair_order WHERE id = ANY(%(ids)s) AND comeback_of_id IS NOT NULL",
                ids=list(repair_ids),
            ))
            repair_ids = [row[0] for row in cr.fetchall()]
            days = self._days_of(repair_ids)  # the days the orders counted on before, and (below) after
            cr.execute(SQL("DELETE FROM %s WHERE repair_id = ANY(%s)", SQL.identifier(self._table), repair_ids))
        else:
            cr.execute(SQL("TRUNCATE %s", SQL.identifier(self._table)))
        cr.execute(self._refresh_query(repair_ids))
        count = cr.rowcount
        self._refresh_days(None if repair_ids is None else days | self._days_of(repair_ids))
        self.invalidate_model()
        return count

    @api.model
    def _days_of(self, repair_ids):
        """{(company id, date field, day)} the facts of the orders count on."""
        self.env.cr.execute(SQL(
            """
            SELECT DISTINCT fact.company_id, day.date_field, day.day
              FROM %s fact
             CROSS JOIN LATERAL (VALUES ('date_in', fact.date_in), ('date_settled', fact.date_settled),
                                        ('date_delivered', fact.date_delivered)) AS day (date_field, day)
             WHERE fact.repair_id = ANY(%s) AND day.day IS NOT NULL
            """, SQL.identifier(self._table), list(repair_ids)))
        return set(self.env.cr.fetchall())

    @api.model
    def _refresh_days(self, days=None):
        """Bring the daily roll-up up to date from the facts: every day, or only ``days`` ({(company id, date
        field, day)}). Set-based: one delete and one insert per date field."""
        cr = self.env.cr
        table = SQL.identifier(DAY_TABLE)
        if days is None:
            cr.execute(SQL("TRUNCATE %s", table))
        elif not days:
            return
        else:
            companies, date_fields, dates = zip(*days, strict=True)
            keys = SQL(
                "SELECT * FROM unnest(%s::int[], %s::varchar[], %s::date[]) AS key (company_id, date_field, day)",
                list(companies), list(date_fields), list(dates))
            cr.execute(SQL(
                "DELETE FROM %s roll USING (%s) key WHERE roll.company_id = key.company_id "
                "AND roll.date_field = key.date_field AND roll.day = key.day", table, keys))
        flags = SQL(", ").join(SQL("fact.%s", SQL.identifier(flag)) for flag in DAY_FLAGS)
        for date_field, counted in DAY_DATES.items():
            date_column = SQL("fact.%s", SQL.identifier(date_field))
            # The days to roll up again, each read off the facts' index on (company, date).
            facts = SQL("%s fact", SQL.identifier(self._table)) if days is None else SQL(
                "(SELECT DISTINCT key.company_id, key.day FROM (%s) key WHERE key.date_field = %s) key "
                "JOIN %s fact ON fact.company_id = key.company_id AND %s = key.day",
                keys, date_field, SQL.identifier(self._table), date_column)
            cr.execute(SQL(
                """
                INSERT INTO %(table)s (company_id, date_field, day, %(flag_names)s, visits, %(sum_names)s)
                SELECT fact.company_id, %(date_field)s, %(date_column)s, %(flags)s, COUNT(*), %(sums)s
                  FROM %(facts)s
                 WHERE %(date_column)s IS NOT NULL AND %(counted)s
                 GROUP BY fact.company_id, %(date_column)s, %(flags)s
                """,
                table=table, facts=facts, date_field=date_field, date_column=date_column,
                flag_names=SQL(", ").join(SQL.identifier(flag) for flag in DAY_FLAGS), flags=flags,
                sum_names=SQL(", ").join(SQL.identifier(name) for name in DAY_SUMS),
                sums=SQL(", ").join(SQL("SUM(fact.%s)", SQL.identifier(name)) for name in DAY_SUMS),
                counted=SQL("fact.%s", SQL.identifier(counted)) if counted else SQL("TRUE"),
            ))

    @api.model
    def _reads_every_fact(self):
        """Whether the user reads every fact of his companies (the manager), so that the roll-up, which knows no
        advisor, gives him the figures the facts would: he may read the facts, and the record rules that apply to
        him restrict them to his companies and nothing else (the roll-up is read for the companies given)."""
        if self.env.su:
            return True
        if not self.browse().has_access("read"):
            return False
        rules_domain = self.env["ir.rule"]._compute_domain(self._name, "read")
        companies_domain = Domain("company_id", "in", self.env.companies.ids).optimize(self)
        return rules_domain in (Domain.TRUE, companies_domain)

    @api.model
    def _day_groups(self, date_field, date_from, date_to, companies):
        """The roll-up's figures between two dates (both included) counted by ``date_field``, grouped by the
        flags: [(*flags, visits, *sums)], as a grouped read of the facts gives them."""
        self.env.cr.execute(SQL(
            """
            SELECT %(flag_names)s, SUM(visits)::int, %(sums)s
              FROM %(table)s
             WHERE company_id = ANY(%(companies)s) AND date_field = %(date_field)s
               AND day BETWEEN %(date_from)s AND %(date_to)s
             GROUP BY %(flag_names)s
            """,
            table=SQL.identifier(DAY_TABLE), companies=companies.ids, date_field=date_field,
            date_from=date_from, date_to=date_to,
            flag_names=SQL(", ").join(SQL.identifier(flag) for flag in DAY_FLAGS),
            sums=SQL(", ").join(SQL("SUM(%s)::float8", SQL.identifier(name)) for name in DAY_SUMS),
        ))
        return self.env.cr.fetchall()

    @api.model
    def _refresh_query(self, repair_ids=None):
        """The insert of the facts of the orders (all when ``repair_ids`` is None)."""
        def scope(column):
            return SQL("TRUE") if repair_ids is None else SQL("%s = ANY(%s)", SQL(column), list(repair_ids))

        payer_sums = SQL(", ").join(
            SQL("SUM(-line.balance) FILTER (WHERE move.aftersales_payer = %s) AS %s",
                payer, SQL.identifier(f"revenue_{payer}"))
            for payer, _label in PAYERS
        )
        payer_columns = SQL(", ").join(
            SQL("COALESCE(rev.%s, 0)", SQL.identifier(f"revenue_{payer}")) for payer, _label in PAYERS
        )
        payer_names = SQL(", ").join(SQL.identifier(f"revenue_{payer}") for payer, _label in PAYERS)
        return SQL(
            """
            INSERT INTO %(table)s (
                id, repair_id, company_id, date_in, date_settled, date_delivered, promised_date, delivery_date,
                advisor_id, team_id, technician_id, vehicle_id, model_id, brand_id, repair_category_id,
                is_maintenance, is_booked, is_settled, is_delivered, is_on_time, is_comeback, has_comeback,
                has_rework, jobs_done, jobs_first_time, sold_hours, clocked_hours, revenue_labour, revenue_parts,
                revenue, %(payer_names)s, parts_cost, labour_cost, gross_margin, calls_reached, calls_satisfied,
                calls_scored, csi_score, complaint_count, major_complaint_count, refresh_date
            )
            SELECT ro.id, ro.id, ro.company_id,
                   (COALESCE(ci.check_in_date, ro.schedule_date) AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date,
                   (ro.settlement_date AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date,
                   (ro.delivery_date AT TIME ZONE 'UTC' AT TIME ZONE tz.name)::date,
                   ro.promised_date, ro.delivery_date,
                   COALESCE(ci.advisor_id, ro.user_id), main.team_id, main.dispatch_technician_id,
                   ro.vehicle_id, vehicle.model_id, vehicle_model.brand_id, ro.repair_category_id,
                   COALESCE(category.code = 'maintenance', FALSE),
                   COALESCE(booking.source != 'walk_in', FALSE) OR appointment.repair_id IS NOT NULL,
                   ro.settlement_date IS NOT NULL,
                   ro.delivery_date IS NOT NULL,
                   ro.delivery_date IS NOT NULL AND ro.promised_date IS NOT NULL
                       AND ro.delivery_date <= ro.promised_date,
                   ro.comeback_of_id IS NOT NULL,
                   comeback.repair_id IS NOT NULL,
                   COALESCE(jobs.has_rework, FALSE),
                   COALESCE(jobs.jobs_done, 0),
                   CASE WHEN comeback.repair_id IS NULL THEN COALESCE(jobs.jobs_no_rework, 0) ELSE 0 END,
                   COALESCE(jobs.sold_hours, 0),
                   COALESCE(clocks.hours, 0),
                   COALESCE(rev.revenue_labour, 0), COALESCE(rev.revenue_parts, 0),
                   COALESCE(rev.revenue_labour, 0) + COALESCE(rev.revenue_parts, 0),
                   %(payer_columns)s,
                   COALESCE(parts.cost, 0),
                   ROUND(COALESCE(clocks.hours, 0) * COALESCE(company.aftersales_labour_cost_rate, 0), 2),
                   COALESCE(rev.revenue_labour, 0) + COALESCE(rev.revenue_parts, 0) - COALESCE(parts.cost, 0)
                       - ROUND(COALESCE(clocks.hours, 0) * COALESCE(company.aftersales_labour_cost_rate, 0), 2),
                   COALESCE(calls.reached, 0), COALESCE(calls.satisfied, 0), COALESCE(calls.scored, 0),
                   calls.score, COALESCE(complaints.total, 0), COALESCE(complaints.major, 0),
                   NOW() AT TIME ZONE 'UTC'
              FROM repair_order ro
              JOIN res_company company ON company.id = ro.company_id
              JOIN res_partner company_partner ON company_partner.id = company.partner_id
             CROSS JOIN LATERAL (SELECT COALESCE(NULLIF(company_partner.tz, ''), %(default_tz)s) AS name) tz
         LEFT JOIN aftersales_check_in ci ON ci.id = ro.check_in_id
         LEFT JOIN aftersales_appointment booking ON booking.id = ci.appointment_id
         LEFT JOIN fleet_vehicle vehicle ON vehicle.id = ro.vehicle_id
         LEFT JOIN fleet_vehicle_model vehicle_model ON vehicle_model.id = vehicle.model_id
         LEFT JOIN aftersales_repair_category category ON category.id = ro.repair_category_id
         LEFT JOIN (SELECT DISTINCT ON (repair_id) repair_id
                      FROM aftersales_appointment
                     WHERE repair_id IS NOT NULL AND source != 'walk_in' AND %(appointment_scope)s) appointment
                ON appointment.repair_id = ro.id
         LEFT JOIN (SELECT DISTINCT comeback_of_id AS repair_id
                      FROM repair_order
                     WHERE comeback_of_id IS NOT NULL AND state != 'cancel' AND %(comeback_scope)s) comeback
                ON comeback.repair_id = ro.id
         LEFT JOIN LATERAL (SELECT job.team_id, job.dispatch_technician_id
                              FROM aftersales_job job
                             WHERE job.repair_id = ro.id AND job.state IN ('approved', 'done')
                          ORDER BY job.labour_hours DESC, job.id
                             LIMIT 1) main ON TRUE
         LEFT JOIN (SELECT repair_id,
                           COUNT(*) FILTER (WHERE state = 'done') AS jobs_done,
                           COUNT(*) FILTER (WHERE state = 'done' AND COALESCE(rework_count, 0) = 0) AS jobs_no_rework,
                           BOOL_OR(COALESCE(rework_count, 0) > 0) AS has_rework,
                           SUM(labour_hours) FILTER (WHERE state = 'done') AS sold_hours
                      FROM aftersales_job WHERE %(job_scope)s GROUP BY repair_id) jobs
                ON jobs.repair_id = ro.id
         LEFT JOIN (SELECT repair_id, SUM(duration) AS hours
                      FROM aftersales_job_clock WHERE %(clock_scope)s GROUP BY repair_id) clocks
                ON clocks.repair_id = ro.id
         LEFT JOIN (SELECT move.aftersales_repair_id AS repair_id,
                           SUM(-line.balance) FILTER (WHERE template.type = 'service') AS revenue_labour,
                           SUM(-line.balance) FILTER (WHERE template.type IS DISTINCT FROM 'service')
                               AS revenue_parts,
                           %(payer_sums)s
                      FROM account_move move
                      JOIN account_move_line line ON line.move_id = move.id
                      JOIN account_account account ON account.id = line.account_id
                 LEFT JOIN product_product product ON product.id = line.product_id
                 LEFT JOIN product_template template ON template.id = product.product_tmpl_id
                     WHERE move.state = 'posted' AND line.display_type = 'product'
                       AND account.account_type IN ('income', 'income_other')
                       AND %(move_scope)s
                  GROUP BY move.aftersales_repair_id) rev
                ON rev.repair_id = ro.id
         LEFT JOIN (SELECT repair_id, SUM(ABS(value)) AS cost
                      FROM stock_move
                     WHERE state = 'done' AND repair_line_type = 'add' AND %(stock_scope)s
                  GROUP BY repair_id) parts
                ON parts.repair_id = ro.id
         LEFT JOIN (SELECT repair_id,
                           MAX(CASE WHEN outcome IN ('satisfied', 'problem') THEN 1 ELSE 0 END) AS reached,
                           MAX(CASE WHEN outcome = 'satisfied' THEN 1 ELSE 0 END) AS satisfied,
                           MAX(CASE WHEN score > 0 THEN 1 ELSE 0 END) AS scored,
                           AVG(score) FILTER (WHERE score > 0) AS score
                      FROM aftersales_followup_call
                     WHERE kind = 'first' AND state = 'done' AND %(call_scope)s
                  GROUP BY repair_id) calls
                ON calls.repair_id = ro.id
         LEFT JOIN (SELECT repair_id, COUNT(*) AS total, COUNT(*) FILTER (WHERE severity = 'major') AS major
                      FROM aftersales_complaint
                     WHERE repair_id IS NOT NULL AND %(complaint_scope)s
                  GROUP BY repair_id) complaints
                ON complaints.repair_id = ro.id
             WHERE ro.is_aftersales AND ro.state != 'cancel' AND %(order_scope)s
            """,
            table=SQL.identifier(self._table),
            payer_names=payer_names,
            payer_columns=payer_columns,
            payer_sums=payer_sums,
            default_tz=DEFAULT_TZ,
            appointment_scope=scope("repair_id"),
            comeback_scope=scope("comeback_of_id"),
            job_scope=scope("repair_id"),
            clock_scope=scope("repair_id"),
            move_scope=SQL("move.aftersales_repair_id IS NOT NULL AND %s", scope("move.aftersales_repair_id")),
            stock_scope=scope("repair_id"),
            call_scope=scope("repair_id"),
            complaint_scope=scope("repair_id"),
            order_scope=scope("ro.id"),
        )

    @api.model
    def _cron_refresh(self, full=False):
        """The scheduled refresh: every order at night, else the orders changed since the last run."""
        params = self.env["ir.config_parameter"].sudo()  # sudo: the run's own bookmark, a system parameter
        since = params.get_param(LAST_REFRESH_PARAM)
        now = fields.Datetime.now()
        if full or not since:
            self.refresh()
        else:
            self.refresh(self._changed_order_ids(since))
        params.set_param(LAST_REFRESH_PARAM, fields.Datetime.to_string(now))
        return True

    @api.model
    def _changed_order_ids(self, since):
        """The orders whose facts may have changed since ``since``: the order, its jobs, clocks, parts,
        settlement entries, follow-up calls or complaints were written."""
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            SELECT id FROM repair_order WHERE write_date >= %(since)s
             UNION SELECT repair_id FROM aftersales_job WHERE write_date >= %(since)s
             UNION SELECT repair_id FROM aftersales_job_clock WHERE write_date >= %(since)s
             UNION SELECT repair_id FROM stock_move WHERE repair_id IS NOT NULL AND write_date >= %(since)s
             UNION SELECT aftersales_repair_id FROM account_move
                    WHERE aftersales_repair_id IS NOT NULL AND write_date >= %(since)s
             UNION SELECT repair_id FROM aftersales_followup_call WHERE write_date >= %(since)s
             UNION SELECT repair_id FROM aftersales_complaint WHERE repair_id IS NOT NULL AND write_date >= %(since)s
            """,
            since=since,
        ))
        return [row[0] for row in self.env.cr.fetchall() if row[0]]

    # ------------------------------------------------------------------
    # The reports' figures
    # ------------------------------------------------------------------

    @api.model
    def _payer_labels(self):
        return dict(self.env["aftersales.job"]._fields["payer"]._description_selection(self.env))

    @api.model
    def _sums(self, domain, groupby=()):
        """Count and revenue sums of the facts of ``domain``, per group of ``groupby``."""
        names = ["revenue_labour", "revenue_parts", "revenue", "gross_margin",
                 *(f"revenue_{payer}" for payer, _label in PAYERS)]
        rows = []
        for group in self._read_group(domain, list(groupby), ["__count", *(f"{name}:sum" for name in names)]):
            keys, count, values = group[:len(groupby)], group[len(groupby)], group[len(groupby) + 1:]
            rows.append({"keys": keys, "count": count, **{name: value or 0.0 for name, value in zip(
                names, values, strict=True)}})
        return rows

    @api.model
    def _daily_figures(self, company, day):
        """The day's figures of the daily report (日报)."""
        company_domain = Domain("company_id", "=", company.id)
        settled = self._sums(company_domain & Domain("date_settled", "=", day))
        return {
            "cars_in": self.search_count(company_domain & Domain("date_in", "=", day)),
            "maintenance_in": self.search_count(
                company_domain & Domain("date_in", "=", day) & Domain("is_maintenance", "=", True)
            ),
            "delivered": self.search_count(company_domain & Domain("date_delivered", "=", day)),
            "open": self.search_count(
                company_domain & Domain("date_in", "<=", day)
                & (Domain("date_delivered", "=", False) | Domain("date_delivered", ">", day))
            ),
            "settled": settled[0] if settled else {"count": 0},
            "by_category": self._sums(
                company_domain & Domain("date_settled", "=", day), ["repair_category_id"]
            ),
        }

    @api.model
    def _statistics_rows(self, company, date_from, date_to):
        """Cars in and settled revenue per car model and repair category (业务统计表)."""
        company_domain = Domain("company_id", "=", company.id)
        rows = {}
        for model, category, count in self._read_group(
            company_domain & Domain("date_in", ">=", date_from) & Domain("date_in", "<=", date_to),
            ["model_id", "repair_category_id"], ["__count"],
        ):
            rows[model, category] = {"model": model, "category": category, "cars_in": count, "settled": 0,
                          "revenue_labour": 0.0, "revenue_parts": 0.0, "revenue": 0.0, "gross_margin": 0.0}
        for row in self._sums(
            company_domain & Domain("date_settled", ">=", date_from) & Domain("date_settled", "<=", date_to),
            ["model_id", "repair_category_id"],
        ):
            keys = tuple(row["keys"])
            line = rows.setdefault(keys, {"model": keys[0], "category": keys[1], "cars_in": 0, "settled": 0,
                                          "revenue_labour": 0.0, "revenue_parts": 0.0, "revenue": 0.0,
                                          "gross_margin": 0.0})
            line["settled"] = row["count"]
            for name in ("revenue_labour", "revenue_parts", "revenue", "gross_margin"):
                line[name] = row[name]
        return sorted(rows.values(), key=lambda line: (line["model"].display_name or "",
                                                        line["category"].sequence, line["category"].id))

    @api.model
    def _arrears(self, company):
        """Open receivables of the after-sales settlement invoices, by payer (欠收)."""
        # sudo: the manager reading the reports holds no accounting rights; only the totals are shown.
        groups = self.env["account.move"].sudo()._read_group(
            [("company_id", "=", company.id), ("aftersales_repair_id", "!=", False), ("state", "=", "posted"),
             ("move_type", "in", ("out_invoice", "out_refund")), ("amount_residual", "!=", 0)],
            ["aftersales_payer"], ["amount_residual_signed:sum", "__count"],
        )
        return [{"payer": payer, "amount": amount, "count": count} for payer, amount, count in groups]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_work_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "view_mode": "form",
            "res_id": self.repair_id.id,
        }
