from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import amount_to_chinese_capitals, business_step
from ..tools.lock import lock_records
from .aftersales_job import INVOICED_PAYERS, PAYERS

# How customers pay at the cashier's desk; each method goes to the journal the company's settings map it to.
PAYMENT_METHODS = [
    ("cash", "Cash"),
    ("wechat", "WeChat Pay"),
    ("alipay", "Alipay"),
    ("card", "POS Bank Card"),
    ("transfer", "Bank Transfer"),
]
# An invoice in these payment states asks nothing more of the customer.
PAID_STATES = ("paid", "in_payment", "reversed")


class AftersalesSettlementMixin(models.AbstractModel):
    """The settlement of a work order: one entry per payer, built from per-payer hooks.

    The payers' entries are made by one builder. Other modules change what a payer is billed only
    through the hooks, in the style of sale's ``_get_invoiceable_lines``:

    - ``_settlement_jobs(payer)``: the jobs this settlement bills to the payer (warranty: not the jobs
      a decided claim bills);
    - ``_settlement_extra_lines(payer)``: lines added to the payer's entry (insurance: the excess moved
      from the insurer to the customer);
    - ``_payer_partner(payer)``: who pays (insurance: the case's insurer);
    - ``_settlement_reference(payer)``: the payer's reference on its invoice (insurance: the claim);
    - ``_check_settleable()`` before anything is created, ``_on_settled()`` once it is posted.

    A payer whose lines add up to nothing gets no entry.
    """

    _name = "aftersales.settlement.mixin"
    _description = "After-sales Settlement"

    # ------------------------------------------------------------------
    # Hooks
    # ------------------------------------------------------------------

    def _settlement_payers(self):
        """The payers in the order their entries are made."""
        return [payer for payer, _label in PAYERS]

    def _settlement_jobs(self, payer):
        """The jobs this settlement bills to the payer."""
        self.ensure_one()
        return self._billable_jobs().filtered(lambda job: job.payer == payer)

    def _settlement_extra_lines(self, payer):
        """Lines of the payer's entry that are not a job's labour or part (values as for an invoice line)."""
        self.ensure_one()
        return []

    def _payer_partner(self, payer):
        """Who pays the payer's share: the customer, the car brand's manufacturer for warranty."""
        self.ensure_one()
        if payer == "customer":
            return self.partner_id
        if payer == "warranty":
            return self.vehicle_id.brand_id.warranty_partner_id or self.company_id.aftersales_warranty_partner_id
        return self.env["res.partner"]

    def _settlement_reference(self, payer):
        """The payer's own reference for the invoice (e.g. an insurer's claim number)."""
        self.ensure_one()
        return False

    def _check_settleable(self):
        """Refuse the settlement before anything is created; other modules add their conditions."""
        for order in self:
            if order.settlement_date:
                raise UserError(self.env._("Work order %(order)s is already settled.", order=order.name))
            order._check_ready_for_delivery()

    def _on_settled(self):
        """After the entries are posted; other modules move their records along."""
        return True

    # ------------------------------------------------------------------
    # The step
    # ------------------------------------------------------------------

    @business_step
    def action_settle(self):
        """Bill each external payer its share and book the internal and goodwill shares as cost."""
        if not self.env.user.has_group("aftersales_reception.group_cashier") and not self.env.user.has_group(
            "aftersales_reception.group_service_advisor"
        ):
            raise AccessError(self.env._("Only the cashier or a service advisor settles a work order."))
        lock_records(self)  # settled once: a second cashier at the same moment is refused
        # One read of the jobs for every check and payer below, not one read per job.
        self.job_ids.fetch(["state", "payer", "amount_total"])
        self._check_settleable()
        move_values = []
        for order in self:
            move_values += order._prepare_settlement_moves()
        Move = self.env["account.move"]
        if not Move.has_access("create"):
            Move = Move.sudo()  # sudo: an advisor settling holds no accounting rights; made as the cashier would
        moves = Move.create(move_values)
        moves.action_post()
        self.sudo().write({"settlement_date": fields.Datetime.now()})  # sudo: the cashier cannot write orders
        self._on_settled()
        return True

    # ------------------------------------------------------------------
    # The builder
    # ------------------------------------------------------------------

    def _settlement_invoices(self, payer):
        return self.aftersales_invoice_ids.filtered(
            lambda move: move.aftersales_payer == payer and move.state != "cancel"
        )

    def _prepare_settlement_moves(self):
        """The entry of each payer: its jobs' labour and parts plus its extra lines."""
        self.ensure_one()
        values = []
        for payer in self._settlement_payers():
            lines = self._prepare_settlement_lines(self._settlement_jobs(payer)) + self._settlement_extra_lines(payer)
            total = sum(line["quantity"] * line["price_unit"] for line in lines)
            if self.company_currency_id.is_zero(total):
                continue
            if payer in INVOICED_PAYERS:
                values.append(self._prepare_payer_invoice(payer, lines))
            else:
                values.append(self._prepare_cost_entry(payer, lines))
        return values

    def _labour_product(self):
        product = self.company_id.aftersales_labour_product_id or self.env.ref(
            "aftersales_reception.product_labour", raise_if_not_found=False
        )
        if not product:
            raise UserError(self.env._("Set the labour product in the after-sales settings."))
        return product

    @api.model
    def _settlement_line_values(self, billing_line, labour_product):
        """An invoice line of one line of a job (see ``aftersales.job._billing_lines``)."""
        job = billing_line["job"]
        values = {
            "quantity": billing_line["quantity"],
            "price_unit": billing_line["price_unit"],
            "vehicle_id": job.repair_id.vehicle_id.id,
            "aftersales_repair_id": job.repair_id.id,
            "aftersales_job_id": job.id,
        }
        if billing_line["line_type"] == "labour":
            values.update({
                "product_id": labour_product.id,
                "name": self.env._("Labour: %(job)s", job=job.name),
            })
        else:
            values.update({
                "product_id": billing_line["product"].id,
                "name": billing_line["name"],
                "product_uom_id": billing_line["uom"].id,
            })
        return values

    def _prepare_settlement_lines(self, jobs):
        """Invoice lines of the jobs; all carry the vehicle and the order.

        By the company's setting, either each job's labour followed by its parts, or the labour at each hourly
        rate on one line followed by every part.
        """
        labour_product = self._labour_product()
        billing_lines = jobs._billing_lines()
        if self.company_id.aftersales_invoice_labour == "job":
            return [self._settlement_line_values(line, labour_product) for line in billing_lines]
        labour_lines = [line for line in billing_lines if line["line_type"] == "labour"]
        return self._labour_line_values_per_rate(labour_lines, labour_product) + [
            self._settlement_line_values(line, labour_product)
            for line in billing_lines if line["line_type"] != "labour"
        ]

    def _labour_line_values_per_rate(self, labour_lines, labour_product):
        """One invoice line of the hours at each rate. A rate whose total, rounded once, would not be the sum of
        its jobs' rounded amounts keeps one line per job: with taxes rounded per line (the Chinese chart's
        setting), the invoice then bills exactly what the order shows."""
        currency = self.company_currency_id
        by_rate = {}
        for line in labour_lines:
            by_rate.setdefault(line["price_unit"], []).append(line)
        values = []
        for rate, lines in by_rate.items():
            hours = round(sum(line["quantity"] for line in lines), 2)
            if len(lines) == 1 or currency.compare_amounts(
                currency.round(hours * rate), sum(line["amount"] for line in lines)
            ):
                values += [self._settlement_line_values(line, labour_product) for line in lines]
                continue
            values.append({
                "quantity": hours,
                "price_unit": rate,
                "vehicle_id": self.vehicle_id.id,
                "aftersales_repair_id": self.id,
                "product_id": labour_product.id,
                "name": self.env._("Labour: %(count)s jobs", count=len(lines)),
            })
        return values

    def _prepare_payer_invoice(self, payer, lines):
        partner = self._payer_partner(payer)
        if not partner:
            raise UserError(self.env._(
                "Work order %(order)s has %(payer)s jobs but no one to bill them to.",
                order=self.name, payer=self._payer_label(payer),
            ))
        return {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "invoice_origin": self.name,
            "ref": self._settlement_reference(payer),
            "aftersales_repair_id": self.id,
            "aftersales_payer": payer,
            "invoice_line_ids": [Command.create(line) for line in lines],
        }

    def _prepare_cost_entry(self, payer, lines):
        """Internal and goodwill work: the dealer's cost against the income the work would have earned."""
        company = self.company_id
        expense_account = company.aftersales_internal_account_id if payer == "internal" \
            else company.aftersales_goodwill_account_id
        if not expense_account:
            raise UserError(self.env._(
                "Set the %(payer)s expense account in the after-sales settings to settle %(order)s.",
                payer=self._payer_label(payer), order=self.name,
            ))
        journal = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(company), ("type", "=", "general")], limit=1
        )
        entry_lines = []
        for line in lines:
            product = self.env["product.product"].browse(line["product_id"])
            amount = company.currency_id.round(line["quantity"] * line["price_unit"])
            income_account = product._get_product_accounts()["income"]
            common = {key: line.get(key) for key in ("vehicle_id", "aftersales_repair_id", "aftersales_job_id", "name")}
            entry_lines += [
                Command.create({**common, "account_id": expense_account.id, "debit": amount, "credit": 0.0}),
                Command.create({**common, "account_id": income_account.id, "debit": 0.0, "credit": amount}),
            ]
        return {
            "move_type": "entry",
            "journal_id": journal.id,
            "company_id": company.id,
            "ref": self.env._("%(order)s: %(payer)s work", order=self.name, payer=self._payer_label(payer)),
            "aftersales_repair_id": self.id,
            "aftersales_payer": payer,
            "line_ids": entry_lines,
        }

    # ------------------------------------------------------------------
    # The customer's payment
    # ------------------------------------------------------------------

    def _customer_open_invoices(self):
        """The customer's posted settlement invoices with an amount still due."""
        return self._settlement_invoices("customer").filtered(
            lambda move: move.state == "posted" and move.payment_state not in PAID_STATES
            and not move.currency_id.is_zero(move.amount_residual)
        )

    def _check_payable(self):
        """Refuse a payment when the customer has nothing to pay on the order yet, or nothing more."""
        for order in self:
            if not order.settlement_date:
                raise UserError(self.env._(
                    "Work order %(order)s is not settled yet: settle it before taking the customer's payment.",
                    order=order.name,
                ))
            if not order._customer_open_invoices():
                raise UserError(self.env._(
                    "The customer owes nothing more on work order %(order)s: its settlement invoice is paid.",
                    order=order.name,
                ))

    def action_open_payment_wizard(self):
        self.ensure_one()
        if not self.env.user.has_group("aftersales_reception.group_cashier") and not self.env.user.has_group(
            "aftersales_reception.group_service_advisor"
        ):
            raise AccessError(self.env._("Only the cashier or a service advisor takes a customer's payment."))
        order = self
        if not self.env["account.move"].has_access("read"):
            order = self.sudo()  # sudo: an advisor holds no accounting rights; reads the amounts due only
        order._check_payable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take Payment"),
            "res_model": "aftersales.payment.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    @api.model
    def _settlement_vat(self):
        """The VAT in each invoiced payer's share, for the printed statement: {payer: {"untaxed", "tax", "total"}}.
        Settled: the payer's posted invoices (less its credit notes); before: the taxes of the lines the settlement
        bills (prices with or without their tax)."""
        self.ensure_one()
        currency = self.company_currency_id
        result = {}
        for payer in self._settlement_payers():
            if payer not in INVOICED_PAYERS:
                continue
            invoices = self._settlement_invoices(payer).filtered(lambda move: move.state == "posted")
            if self.settlement_date:
                signs = {move: -1 if move.move_type == "out_refund" else 1 for move in invoices}
                untaxed = sum(signs[move] * move.amount_untaxed for move in invoices)
                tax = sum(signs[move] * move.amount_tax for move in invoices)
            else:
                untaxed = tax = 0.0
                lines = self._prepare_settlement_lines(self._settlement_jobs(payer)) + \
                    self._settlement_extra_lines(payer)
                partner = self._payer_partner(payer)
                for line in lines:
                    product = self.env["product.product"].browse(line.get("product_id"))
                    taxes = product.taxes_id._filter_taxes_by_company(self.company_id)
                    amounts = taxes.compute_all(line["price_unit"], currency, line["quantity"], product=product,
                                                partner=partner)
                    untaxed += amounts["total_excluded"]
                    tax += amounts["total_included"] - amounts["total_excluded"]
            if not currency.is_zero(untaxed) or not currency.is_zero(tax):
                result[payer] = {"untaxed": currency.round(untaxed), "tax": currency.round(tax),
                                 "total": currency.round(untaxed + tax)}
        return result

    def _amount_capitals(self, amount):
        """An amount in Chinese capital numerals (大写金额) for the printed documents."""
        return amount_to_chinese_capitals(amount)

    def action_view_settlement_entries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_journal_line")
        action["domain"] = [("aftersales_repair_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
