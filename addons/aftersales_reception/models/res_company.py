from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Reception slots: the handbook's 15 minutes, and one free slot after every three booked.
    aftersales_slot_minutes = fields.Integer(string="Reception Slot (minutes)", default=15)
    aftersales_slots_before_buffer = fields.Integer(string="Booked Slots Before a Free One", default=3)
    aftersales_booking_days = fields.Integer(string="Days of Free Slots Shown", default=5)
    aftersales_estimate_tolerance = fields.Float(string="Estimate Tolerance (%)", default=10.0)
    aftersales_labour_product_id = fields.Many2one(
        "product.product", string="Labour Product", domain=[("type", "=", "service")],
        help="Service product used on invoices for labour.",
    )
    # A fapiao commonly carries a payer's labour as one line of hours at the hourly rate, the settlement statement
    # listing every job; fewer lines also make the invoices quicker to create and post.
    aftersales_invoice_labour = fields.Selection(
        [("rate", "One line per hourly rate"), ("job", "One line per job")],
        string="Labour on Invoices", default="rate", required=True,
        help="One line per hourly rate: each payer's invoice carries its jobs' hours at each rate on one line (the "
             "settlement statement lists every job). One line per job: each job's labour is a line of its own.",
    )
    aftersales_labour_rate_customer = fields.Monetary(string="Retail Labour Rate", default=300.0,
                                                      currency_field="currency_id")
    aftersales_labour_rate_warranty = fields.Monetary(string="Warranty Labour Rate", default=200.0,
                                                      currency_field="currency_id")
    aftersales_labour_rate_insurance = fields.Monetary(string="Insurance Labour Rate", default=300.0,
                                                       currency_field="currency_id")
    aftersales_labour_rate_internal = fields.Monetary(string="Internal Labour Rate", default=150.0,
                                                      currency_field="currency_id")
    aftersales_warranty_partner_id = fields.Many2one(
        "res.partner", string="Default Manufacturer",
        help="Billed for warranty jobs when the vehicle's brand names no manufacturer.",
    )
    aftersales_internal_account_id = fields.Many2one(
        "account.account", string="Internal Repairs Expense Account",
        help="Cost of internal jobs (new-car preparation, used-car reconditioning).",
    )
    aftersales_goodwill_account_id = fields.Many2one(
        "account.account", string="Goodwill Expense Account", help="Cost of goodwill (free) jobs.",
    )
    # The journal of each way customers pay at the cashier's desk; empty: the company's cash journal for
    # cash, its bank journal for the others.
    aftersales_journal_cash_id = fields.Many2one(
        "account.journal", string="Cash Journal", check_company=True, domain=[("type", "in", ("cash", "bank"))],
        help="Cash payments. Empty: the company's cash journal.",
    )
    aftersales_journal_wechat_id = fields.Many2one(
        "account.journal", string="WeChat Pay Journal", check_company=True,
        domain=[("type", "in", ("cash", "bank"))], help="WeChat Pay payments. Empty: the company's bank journal.",
    )
    aftersales_journal_alipay_id = fields.Many2one(
        "account.journal", string="Alipay Journal", check_company=True, domain=[("type", "in", ("cash", "bank"))],
        help="Alipay payments. Empty: the company's bank journal.",
    )
    aftersales_journal_card_id = fields.Many2one(
        "account.journal", string="POS Bank Card Journal", check_company=True,
        domain=[("type", "in", ("cash", "bank"))],
        help="Bank card payments on the POS terminal. Empty: the company's bank journal.",
    )
    aftersales_journal_transfer_id = fields.Many2one(
        "account.journal", string="Bank Transfer Journal", check_company=True,
        domain=[("type", "in", ("cash", "bank"))], help="Bank transfers. Empty: the company's bank journal.",
    )
    aftersales_mileage_window_days = fields.Integer(
        string="Mileage Estimate Window (days)", compute="_compute_aftersales_mileage_window_days",
        inverse="_inverse_aftersales_mileage_window_days",
        help="Period of mileage history used to estimate a vehicle's daily mileage (every company).",
    )
    aftersales_share_customers = fields.Boolean(
        string="Share Customers with the Group", default=True,
        help="The company's customers and customer vehicles (with their mileage) are seen and served by the "
        "dealer group's other companies. Off: they stay in this company, and customers registered here "
        "belong to it. Appointments, check-ins, work orders and invoices always stay in their company.",
    )
    aftersales_next_service_months = fields.Integer(string="Next Service after (months)", default=6)
    aftersales_next_service_km = fields.Integer(string="Next Service after (km)", default=5000)
    # A car that leaves unrepaired (the customer declines, or it cannot be repaired) pays for its diagnosis.
    aftersales_diagnosis_fee = fields.Float(
        string="Diagnosis Fee", default=100.0, digits="Product Price",
        help="Proposed when a car leaves without being repaired: billed to the customer as a labour line.",
    )
    _aftersales_diagnosis_fee_positive = models.Constraint(
        "CHECK(aftersales_diagnosis_fee >= 0)", "The diagnosis fee cannot be negative.",
    )
    # The dealer's repair guarantee (质量保证书), whichever comes first; the defaults are the legal minimum for a
    # maintenance visit (机动车维修管理规定: 30 days or 5000 km).
    aftersales_guarantee_days = fields.Integer(string="Repair Guarantee (days)", default=30)
    aftersales_guarantee_km = fields.Integer(string="Repair Guarantee (km)", default=5000)
    _aftersales_guarantee_positive = models.Constraint(
        "CHECK(aftersales_guarantee_days >= 0 AND aftersales_guarantee_km >= 0)",
        "The repair guarantee cannot be negative.",
    )
    # The appointment deposit (预约定金): parts of at least this unit price are ordered or set aside for the
    # visit only against a deposit of at least this share of their price (the handbook: "不少于原价的二分之一").
    aftersales_deposit_min_price = fields.Monetary(
        string="Deposit for Parts from (unit price)", default=1000.0, currency_field="currency_id",
        help="Parts named on an appointment at this unit price or more need a deposit before the visit.",
    )
    aftersales_deposit_percent = fields.Float(string="Appointment Deposit (%)", default=50.0)
    _aftersales_deposit_valid = models.Constraint(
        "CHECK(aftersales_deposit_min_price >= 0 AND aftersales_deposit_percent BETWEEN 0 AND 100)",
        "The appointment deposit is a percentage between 0 and 100 of parts of a positive price.",
    )
    # Plausibility limits of what is typed (the handbook's figures): beyond them it is a typing error.
    aftersales_max_mileage = fields.Integer(string="Highest Mileage Reading (km)", default=2_000_000)
    aftersales_max_job_hours = fields.Float(string="Most Labour Hours per Job", default=200.0)
    aftersales_max_part_qty = fields.Float(string="Largest Part Quantity per Line", default=1000.0)
    # Customer notices (the handbook's figures): the car-ready call 1 hour ahead for jobs of up to two days,
    # 4 hours ahead for longer ones; a delay told 30 minutes ahead for same-day pickup, a day ahead otherwise.
    aftersales_ready_notice_small_hours = fields.Float(string="Car-ready Notice, Small Jobs (hours ahead)",
                                                       default=1.0)
    aftersales_ready_notice_large_hours = fields.Float(string="Car-ready Notice, Large Jobs (hours ahead)",
                                                       default=4.0)
    aftersales_large_job_days = fields.Float(
        string="Large Job beyond (days)", default=2.0,
        help="A job is large when the promised time is more than this many days after the work order's date.",
    )
    aftersales_delay_notice_same_day_minutes = fields.Integer(
        string="Delay Notice, Same-day Pickup (minutes ahead)", default=30,
    )
    aftersales_delay_notice_other_days = fields.Float(string="Delay Notice, Later Pickup (days ahead)",
                                                      default=1.0)

    @api.constrains(
        "aftersales_slot_minutes", "aftersales_slots_before_buffer", "aftersales_estimate_tolerance",
        "aftersales_booking_days",
    )
    def _check_aftersales_settings(self):
        for company in self:
            if not 5 <= company.aftersales_slot_minutes <= 120:
                raise ValidationError(self.env._("A reception slot lasts between 5 and 120 minutes."))
            if company.aftersales_slots_before_buffer < 1:
                raise ValidationError(self.env._("At least one slot must be bookable before a free one."))
            if not 0 <= company.aftersales_estimate_tolerance <= 100:
                raise ValidationError(self.env._("The estimate tolerance is a percentage between 0 and 100."))
            if not 1 <= company.aftersales_booking_days <= 31:
                raise ValidationError(self.env._("Show between 1 and 31 days of free slots."))

    @api.constrains(
        "aftersales_ready_notice_small_hours", "aftersales_ready_notice_large_hours", "aftersales_large_job_days",
        "aftersales_delay_notice_same_day_minutes", "aftersales_delay_notice_other_days",
    )
    def _check_aftersales_notice_leads(self):
        for company in self:
            if min(company.aftersales_ready_notice_small_hours, company.aftersales_ready_notice_large_hours,
                   company.aftersales_delay_notice_same_day_minutes, company.aftersales_delay_notice_other_days) < 0:
                raise ValidationError(self.env._("The notices' lead times cannot be negative."))
            if company.aftersales_large_job_days <= 0:
                raise ValidationError(self.env._("A large job lasts more than a positive number of days."))

    @api.constrains("aftersales_max_mileage", "aftersales_max_job_hours", "aftersales_max_part_qty")
    def _check_aftersales_input_limits(self):
        for company in self:
            if min(company.aftersales_max_mileage, company.aftersales_max_job_hours,
                   company.aftersales_max_part_qty) <= 0:
                raise ValidationError(self.env._(
                    "The highest mileage, the most labour hours per job and the largest part quantity per "
                    "line must be above zero."
                ))

    def _compute_aftersales_mileage_window_days(self):
        window = self.env["fleet.vehicle"]._mileage_window_days()
        for company in self:
            company.aftersales_mileage_window_days = window

    def _inverse_aftersales_mileage_window_days(self):
        for company in self:
            if company.aftersales_mileage_window_days < 1:
                raise ValidationError(self.env._("The mileage estimate window is at least one day."))
            # A system parameter: the manager sets it here without the administrator's rights.
            self.env["ir.config_parameter"].sudo().set_param(  # sudo: manager, not administrator
                "aftersales_reception.mileage_window_days", company.aftersales_mileage_window_days
            )

    @api.model
    def _aftersales_settings_fields(self):
        """The after-sales settings of a company: the company fields of every after-sales addon."""
        return {name for name in self._fields if name.startswith("aftersales_")}

    def _aftersales_manager_configures(self, field_names):
        """The service manager configures after-sales without being an administrator: only the after-sales
        settings, of the companies the manager works in."""
        if not field_names or self.env.su or set(field_names) - self._aftersales_settings_fields() \
                or self.env["res.company"].has_access("write") \
                or not self.env.user.has_group("aftersales_reception.group_service_manager"):
            return False
        self.check_access("read")
        return True

    def write(self, vals):
        if self._aftersales_manager_configures(vals):
            return super(ResCompany, self.sudo()).write(vals)  # sudo: manager's after-sales fields only
        return super().write(vals)

    def onchange(self, values, field_names, fields_spec):
        # The settings form asks Odoo's write right before computing what a change implies.
        if self and self._aftersales_manager_configures(field_names):
            company = self.sudo()  # sudo: the manager's after-sales fields only
            return super(ResCompany, company).onchange(values, field_names, fields_spec)
        return super().onchange(values, field_names, fields_spec)

    def action_open_aftersales_settings(self):
        """The after-sales settings of the current company, for the service manager."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("After-sales Settings"),
            "res_model": "res.company",
            "res_id": self.env.company.id,
            "view_mode": "form",
            "views": [(self.env.ref("aftersales_reception.res_company_view_form_aftersales_settings").id, "form")],
            "target": "current",
        }

    @api.model
    def _aftersales_sharing_rules(self):
        """Odoo's multi-company rules of customers, vehicles and mileage readings, as Odoo writes them and as
        the after-sales sharing of customers widens them (records of companies that share customers)."""
        return {
            "base.res_partner_rule": (
                "['|', '|', ('partner_share', '=', False), ('company_id', 'parent_of', company_ids), "
                "('company_id', '=', False)]",
                "['|', '|', '|', ('partner_share', '=', False), ('company_id', 'parent_of', company_ids), "
                "('company_id', '=', False), ('company_id.aftersales_share_customers', '=', True)]",
            ),
            "fleet.ir_rule_fleet_vehicle": (
                "[('company_id', 'in', company_ids + [False])]",
                "['|', ('company_id', 'in', company_ids + [False]), "
                "'&', ('vehicle_usage', '=', 'customer'), ('company_id.aftersales_share_customers', '=', True)]",
            ),
            "fleet.ir_rule_fleet_odometer": (
                "[('vehicle_id.company_id', 'in', company_ids + [False])]",
                "['|', ('vehicle_id.company_id', 'in', company_ids + [False]), "
                "'&', ('vehicle_id.vehicle_usage', '=', 'customer'), "
                "('vehicle_id.company_id.aftersales_share_customers', '=', True)]",
            ),
        }

    @api.model
    def _aftersales_set_sharing_rules(self, shared=True):
        """Write the sharing into Odoo's rules on install and update; put Odoo's back on uninstall."""
        for xmlid, (odoo_domain, shared_domain) in self._aftersales_sharing_rules().items():
            rule = self.env.ref(xmlid, raise_if_not_found=False)
            if rule:
                # Install and uninstall run as the superuser.
                rule.domain_force = shared_domain if shared else odoo_domain

    def _aftersales_payment_journal(self, method):
        """The journal of a customer's payment by ``method`` (see PAYMENT_METHODS): the settings' choice, else
        the company's cash journal for cash and its bank journal for the others; empty when it has none."""
        self.ensure_one()
        journal = self[f"aftersales_journal_{method}_id"]
        if journal:
            return journal
        Journal = self.env["account.journal"]
        return Journal.search(
            [*Journal._check_company_domain(self), ("type", "=", "cash" if method == "cash" else "bank")], limit=1,
        )

    def _aftersales_required_payment_journal(self, method):
        """The journal of a customer's payment by ``method``, refused in the user's words when there is none."""
        self.ensure_one()
        journal = self._aftersales_payment_journal(method)
        if not journal:
            methods = self.env["account.payment"]._fields["aftersales_payment_method"]._description_selection(self.env)
            raise UserError(self.env._(
                "%(company)s has no journal for %(method)s payments: set one in the after-sales settings "
                "(Payment Journals).",
                company=self.name, method=dict(methods)[method],
            ))
        return journal

    def _aftersales_create_payment_journals(self):
        """Give each way of paying that has no journal of its own one, with Odoo's defaults (code, liquidity
        account of the chart's prefix): a cash journal unless the company has one, WeChat Pay, Alipay and POS
        card journals. Bank transfers keep the bank journal. Companies without a chart of accounts are left
        alone; the chosen journals are not changed."""
        Journal = self.env["account.journal"]
        names = {
            "cash": self.env._("Cash"), "wechat": self.env._("WeChat Pay"), "alipay": self.env._("Alipay"),
            "card": self.env._("POS Bank Card"),
        }
        codes = {"cash": "CSH", "wechat": "WX", "alipay": "ALI", "card": "POS"}
        for company in self.filtered("chart_template"):
            for method, name in names.items():
                field = f"aftersales_journal_{method}_id"
                if company[field]:
                    continue
                journal = Journal.browse()
                if method == "cash":
                    journal = Journal.search([*Journal._check_company_domain(company), ("type", "=", "cash")],
                                             limit=1)
                if not journal:
                    values = {"name": name, "type": "cash" if method == "cash" else "bank",
                              "company_id": company.id}
                    taken = Journal.with_context(active_test=False).search_count([
                        *Journal._check_company_domain(company), ("code", "=", codes[method]),
                    ])
                    if not taken:
                        values["code"] = codes[method]
                    journal = Journal.create(values)
                company[field] = journal
        return True

    def _aftersales_labour_rate(self, payer):
        """Default hourly labour rate of a payer; goodwill is valued at the retail rate."""
        self.ensure_one()
        return {
            "customer": self.aftersales_labour_rate_customer,
            "warranty": self.aftersales_labour_rate_warranty,
            "insurance": self.aftersales_labour_rate_insurance,
            "internal": self.aftersales_labour_rate_internal,
            "goodwill": self.aftersales_labour_rate_customer,
        }.get(payer, self.aftersales_labour_rate_customer)
