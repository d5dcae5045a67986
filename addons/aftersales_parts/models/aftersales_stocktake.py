from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from odoo.addons.aftersales_reception.tools import business_step, process_in_batches

STOCKTAKE_STATES = [
    ("draft", "Draft"),
    ("counting", "Counting"),
    ("to_approve", "To Approve"),
    ("done", "Approved and Applied"),
    ("cancel", "Cancelled"),
]
# How many of the most-moved parts the monthly cycle count covers, unless configured.
DEFAULT_CYCLE_COUNT_SIZE = 20
CYCLE_COUNT_SIZE_PARAM = "aftersales_parts.cycle_count_size"


class AftersalesStocktake(models.Model):
    """A stocktake (盘点) of one location: monthly cycle counts and quarterly full counts.

    Counted quantities are kept on the stocktake until the service manager approves the
    discrepancy report; only then are they applied as Odoo inventory adjustments.
    """

    _name = "aftersales.stocktake"
    _description = "Stocktake"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.stocktake"
    _order = "scheduled_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    location_id = fields.Many2one(
        "stock.location", required=True, check_company=True, tracking=True,
        domain="[('usage', '=', 'internal')]", help="The location counted, with its sub-locations.",
    )
    kind = fields.Selection(
        [("cycle", "Cycle Count"), ("full", "Full Count")], required=True, default="cycle", tracking=True,
        help="Cycle counts cover selected parts every month; a full count covers every part of the location.",
    )
    scheduled_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one("res.users", string="Counter", default=lambda self: self.env.user, tracking=True,
                              domain="[('share', '=', False)]")
    product_ids = fields.Many2many(
        "product.product", string="Parts to Count", check_company=True,
        domain="[('is_storable', '=', True)]",
        help="Cycle count: only these parts. Empty: every part in the location.",
    )
    line_ids = fields.One2many("aftersales.stocktake.line", "stocktake_id", string="Lines", copy=False)
    # Each state is a step: the count starts, the counter submits, only the service manager approves.
    state = fields.Selection(STOCKTAKE_STATES, default="draft", required=True, readonly=True, tracking=True,
                             index=True, copy=False, aftersales_step=True)
    count_start_date = fields.Datetime(string="Count Started", readonly=True, copy=False, aftersales_step=True)
    submitted_date = fields.Datetime(string="Submitted", readonly=True, copy=False, aftersales_step=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False,
                                     aftersales_step=True)
    approved_date = fields.Datetime(string="Approved", readonly=True, copy=False, aftersales_step=True)
    note = fields.Html(string="Notes")
    line_count = fields.Integer(compute="_compute_totals", store=True)
    discrepancy_count = fields.Integer(string="Discrepancies", compute="_compute_totals", store=True)
    amount_gain = fields.Monetary(string="Surplus Value", compute="_compute_totals", store=True)
    amount_loss = fields.Monetary(string="Shortage Value", compute="_compute_totals", store=True)
    amount_difference = fields.Monetary(string="Net Difference", compute="_compute_totals", store=True)
    stock_move_ids = fields.Many2many("stock.move", string="Adjustments", readonly=True, copy=False,
                                      aftersales_step=True)

    _name_company_uniq = models.Constraint("UNIQUE(name, company_id)", "The stocktake reference must be unique.")

    @api.depends("line_ids.difference_qty", "line_ids.difference_value")
    def _compute_totals(self):
        for stocktake in self:
            lines = stocktake.line_ids
            stocktake.line_count = len(lines)
            stocktake.discrepancy_count = len(lines.filtered("difference_qty"))
            stocktake.amount_gain = sum(value for value in lines.mapped("difference_value") if value > 0)
            stocktake.amount_loss = -sum(value for value in lines.mapped("difference_value") if value < 0)
            stocktake.amount_difference = stocktake.amount_gain - stocktake.amount_loss

    def write(self, vals):
        if {"location_id", "kind", "product_ids"} & set(vals) and any(st.state != "draft" for st in self):
            raise UserError(self.env._("What is counted is fixed once the count has started."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(stocktake.state not in ("draft", "cancel") for stocktake in self):
            raise UserError(self.env._("Only draft or cancelled stocktakes can be deleted."))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _quant_domain(self):
        self.ensure_one()
        domain = Domain("location_id", "child_of", self.location_id.id) & Domain("product_id.is_storable", "=", True)
        if self.product_ids:
            domain &= Domain("product_id", "in", self.product_ids.ids)
        return domain

    @business_step
    def action_start_count(self):
        """Freeze the book quantities of the location's quants and hand out the count sheet."""
        for stocktake in self:
            if stocktake.state != "draft":
                raise UserError(self.env._("Stocktake %(name)s has already started.", name=stocktake.name))
        Quant = self.env["stock.quant"]
        for stocktake in self:
            quants = Quant.search(stocktake._quant_domain(), order="location_id, product_id")
            counted_products = quants.product_id
            line_vals = [{
                "stocktake_id": stocktake.id,
                "quant_id": quant.id,
                "product_id": quant.product_id.id,
                "location_id": quant.location_id.id,
                "lot_id": quant.lot_id.id,
                "theoretical_qty": quant.quantity,
            } for quant in quants]
            # A selected part with no stock at all is still counted: it may be on the shelf.
            line_vals += [{
                "stocktake_id": stocktake.id,
                "product_id": product.id,
                "location_id": stocktake.location_id.id,
                "theoretical_qty": 0.0,
            } for product in stocktake.product_ids - counted_products]
            if not line_vals:
                raise UserError(self.env._(
                    "Nothing to count in %(location)s.", location=stocktake.location_id.display_name
                ))
            self.env["aftersales.stocktake.line"].create(line_vals)
        self.write({"state": "counting", "count_start_date": fields.Datetime.now()})
        return True

    def _record_count_differences(self, differences):
        """Enter a count where only a few parts differ from the books (a handheld's discrepancy list).

        ``differences``: {product id: counted minus book}; every other line is counted as booked.
        """
        self.ensure_one()
        if self.state != "counting":
            raise UserError(self.env._("Counted quantities can only be entered while the stocktake is being counted."))
        for line in self.line_ids.filtered(lambda line: not line.is_counted):
            line.counted_qty = max(line.theoretical_qty + differences.get(line.product_id.id, 0.0), 0.0)
        return True

    @business_step
    def action_submit(self):
        """The counter hands the counted sheet in: the discrepancy report goes to the manager."""
        for stocktake in self:
            if stocktake.state != "counting":
                raise UserError(self.env._("Only a stocktake being counted can be submitted."))
            uncounted = stocktake.line_ids.filtered(lambda line: not line.is_counted)
            if uncounted:
                raise UserError(self.env._(
                    "Count every line before submitting: %(parts)s",
                    parts=", ".join(uncounted[:10].product_id.mapped("display_name")),
                ))
        self.write({"state": "to_approve", "submitted_date": fields.Datetime.now()})
        for stocktake in self:
            approver = stocktake._approver()
            if approver:
                stocktake.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=approver.id,
                    summary=self.env._("Approve the stocktake discrepancies"),
                )
        return True

    def _approver(self):
        """Who approves the discrepancies: the company's service manager. The administrator holds the role
        to set the system up and gets the approval only where no one else is service manager."""
        self.ensure_one()
        managers = self.env["res.users"]._aftersales_role_users(
            "aftersales_reception.group_service_manager", self.company_id,
        ).filtered(lambda user: user.active and not user._is_superuser()).sorted("id")
        return (managers.filtered(lambda user: not user.has_group("base.group_system")) or managers)[:1]

    def _check_manager(self):
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager can approve or reject a stocktake."))

    @business_step
    def action_reject(self):
        """Send the count back to the store for a recount."""
        self._check_manager()
        if any(stocktake.state != "to_approve" for stocktake in self):
            raise UserError(self.env._("Only a submitted stocktake can be sent back for a recount."))
        self.write({"state": "counting", "submitted_date": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @business_step
    def action_approve(self):
        """Approve the discrepancy report and apply the counts as inventory adjustments.

        Parts moved since the count started keep their movements: the quant is set to the
        counted quantity plus what moved in or out after the book quantity was frozen.
        """
        self._check_manager()
        if any(stocktake.state != "to_approve" for stocktake in self):
            raise UserError(self.env._("Only a submitted stocktake can be approved."))
        for stocktake in self:
            # sudo: applying counts is an inventory adjustment, the inventory administrator's; the manager approves it.
            stocktake.sudo()._apply_counts()
        self.write({
            "state": "done", "approved_by_id": self.env.user.id, "approved_date": fields.Datetime.now(),
        })
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def _apply_counts(self):
        self.ensure_one()
        Quant = self.env["stock.quant"].with_context(inventory_mode=True)
        lines = self.line_ids.filtered("difference_qty")
        missing = lines.filtered(lambda line: not line.quant_id)
        if missing:
            # A part found where the books had none: its quant is created in inventory mode.
            new_quants = Quant.create([{
                "product_id": line.product_id.id,
                "location_id": line.location_id.id,
                "lot_id": line.lot_id.id,
                "inventory_quantity": 0.0,
            } for line in missing])
            for line, quant in zip(missing, new_quants, strict=True):
                line.quant_id = quant
        quants = Quant.browse()
        for line in lines:
            quant = line.quant_id
            quant.inventory_quantity = line.counted_qty + (quant.quantity - line.theoretical_qty)
            quants |= quant
        reference = self.env._("Stocktake %(name)s", name=self.name)
        quants.with_context(inventory_name=reference)._apply_inventory()
        self.stock_move_ids = self.env["stock.move"].search([
            ("is_inventory", "=", True), ("inventory_name", "=", reference), ("company_id", "=", self.company_id.id),
        ])

    @business_step
    def action_cancel(self):
        if any(stocktake.state == "done" for stocktake in self):
            raise UserError(self.env._("An applied stocktake cannot be cancelled; count again instead."))
        self.write({"state": "cancel"})
        return True

    @business_step
    def action_reset_draft(self):
        if any(stocktake.state != "cancel" for stocktake in self):
            raise UserError(self.env._("Only cancelled stocktakes can be reset to draft."))
        self.line_ids.unlink()
        self.write({"state": "draft", "count_start_date": False, "submitted_date": False})
        return True

    def action_print_count_sheet(self):
        return self.env.ref("aftersales_parts.action_report_stocktake_sheet").report_action(self)

    def action_print_discrepancies(self):
        return self.env.ref("aftersales_parts.action_report_stocktake_discrepancy").report_action(self)

    def action_view_adjustments(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Inventory Adjustments"),
            "res_model": "stock.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.stock_move_ids.ids)],
        }

    # ------------------------------------------------------------------
    # Scheduled counts
    # ------------------------------------------------------------------

    @api.model
    def _most_moved_products(self, company, location, limit, months=3, today=None):
        """The parts moved most often out of a location in the last months (set-based)."""
        since = fields.Datetime.to_datetime(today or fields.Date.context_today(self)) - relativedelta(months=months)
        groups = self.env["stock.move"]._read_group(
            [
                ("company_id", "=", company.id), ("state", "=", "done"), ("date", ">=", since),
                ("location_id", "child_of", location.id), ("product_id.is_storable", "=", True),
                ("location_dest_id.usage", "not in", ("internal", "transit")),
            ],
            ["product_id"], ["__count"], order="__count desc", limit=limit,
        )
        return self.env["product.product"].union(*(product for product, _count in groups))

    @api.model
    def _cron_schedule_stocktakes(self, today=None):
        """Create this month's cycle count, and the quarter's full count in its first month.

        Idempotent: a location gets one stocktake of each kind per period. The scheduled action runs it as its
        scheduler user, over every company's warehouses, in batches of warehouses each committed with its
        stocktakes: a run killed in the middle and run again plans no count twice and forgets no warehouse.
        """
        today = today or fields.Date.context_today(self)
        warehouses = self.env["stock.warehouse"].search([("lot_stock_id", "!=", False)], order="id")
        created = []
        process_in_batches(warehouses, lambda batch: created.append(self._schedule_stocktakes(batch, today)))
        return self.union(*created)

    @api.model
    def _schedule_stocktakes(self, warehouses, today):
        """One batch of the scheduled counts: the month's cycle count, the quarter's full count in its first
        month, for the warehouses that do not have them yet."""
        month_start = today.replace(day=1)
        quarter_start = month_start.replace(month=3 * ((month_start.month - 1) // 3) + 1)
        size = int(self.env["ir.config_parameter"].get_param(CYCLE_COUNT_SIZE_PARAM, DEFAULT_CYCLE_COUNT_SIZE))
        existing = self.search([
            ("location_id", "in", warehouses.lot_stock_id.ids), ("scheduled_date", ">=", quarter_start),
            ("scheduled_date", "<", quarter_start + relativedelta(months=3)), ("state", "!=", "cancel"),
        ])
        vals_list = []
        for warehouse in warehouses:
            location = warehouse.lot_stock_id
            mine = existing.filtered(lambda st, loc=location: st.location_id == loc)
            if not mine.filtered(lambda st: st.kind == "full") and month_start == quarter_start:
                vals_list.append({
                    "company_id": warehouse.company_id.id, "location_id": location.id, "kind": "full",
                    "scheduled_date": month_start + relativedelta(months=1, days=-1), "user_id": False,
                })
            elif not mine.filtered(lambda st: st.kind == "cycle" and st.scheduled_date >= month_start):
                products = self._most_moved_products(warehouse.company_id, location, size, today=today)
                if products:
                    vals_list.append({
                        "company_id": warehouse.company_id.id, "location_id": location.id, "kind": "cycle",
                        "scheduled_date": month_start + relativedelta(days=24), "user_id": False,
                        "product_ids": [Command.set(products.ids)],
                    })
        return self.create(vals_list)
