from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..models.aftersales_receivable_aging import AGING_BUCKETS


class AftersalesStatementWizard(models.TransientModel):
    """The statement of account (对账单) sent to one payer, an insurer or a manufacturer, for a period: every
    invoice, credit note and payment with its work order, plate and claim or case number, and the balances."""

    _name = "aftersales.statement.wizard"
    _description = "After-sales Statement of Account"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Payer", required=True, check_company=True,
                                 domain=[("is_company", "=", True)])
    date_from = fields.Date(string="From", required=True,
                            default=lambda self: fields.Date.context_today(self).replace(day=1))
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise ValidationError(self.env._("The statement's period ends before it starts."))

    def _receivable_domain(self):
        self.ensure_one()
        return [
            ("company_id", "=", self.company_id.id),
            ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
            ("account_id.account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
        ]

    @api.model
    def _document_kind(self, move):
        if move.move_type == "out_invoice":
            return self.env._("Invoice")
        if move.move_type == "out_refund":
            return self.env._("Credit Note")
        if move.origin_payment_id:
            return self.env._("Payment")
        return self.env._("Entry")

    def _statement_data(self):
        """The statement's figures: opening balance, one line per receivable item of the period with the running
        balance, closing balance and the open amounts by age at the period's end."""
        self.ensure_one()
        currency = self.company_id.currency_id
        Line = self.env["account.move.line"]
        domain = self._receivable_domain()
        opening = Line._read_group([*domain, ("date", "<", self.date_from)], aggregates=["balance:sum"])[0][0]
        opening = opening or 0.0
        items = Line.search([*domain, ("date", ">=", self.date_from), ("date", "<=", self.date_to)],
                            order="date, move_name, id")
        items.move_id.fetch(["name", "move_type", "ref", "aftersales_repair_id", "aftersales_payer_reference",
                             "origin_payment_id"])
        balance = currency.round(opening)
        lines = []
        for item in items:
            move = item.move_id
            order = move.aftersales_repair_id or move.origin_payment_id.aftersales_repair_id
            order = order.sudo()  # sudo: accountants outside after-sales read the work order's number and plate
            balance = currency.round(balance + item.balance)
            lines.append({
                "date": item.date,
                "number": move.name,
                "kind": self._document_kind(move),
                "work_order": order.name or "",
                "plate": order.vehicle_id.license_plate or "",
                "reference": move.aftersales_payer_reference or move.ref or "",
                "debit": item.debit,
                "credit": item.credit,
                "residual": item.amount_residual,
                "balance": balance,
            })
        return {
            "opening": currency.round(opening),
            "lines": lines,
            "debit": currency.round(sum(line["debit"] for line in lines)),
            "credit": currency.round(sum(line["credit"] for line in lines)),
            "closing": balance,
            "aging": self._aging_at_end(),
        }

    def _aging_at_end(self):
        """What is still open of the items up to the period's end, by days past their due date at that end."""
        self.ensure_one()
        days = SQL("(%s::date - COALESCE(line.date_maturity, line.date))", self.date_to)
        query = SQL(
            """
            SELECT CASE WHEN %(days)s <= 30 THEN '0_30' WHEN %(days)s <= 60 THEN '31_60'
                        WHEN %(days)s <= 90 THEN '61_90' ELSE '90_plus' END,
                   SUM(line.amount_residual)
              FROM account_move_line line
             WHERE line.id IN %(ids)s
             GROUP BY 1
            """,
            days=days,
            ids=tuple(self.env["account.move.line"].search(
                [*self._receivable_domain(), ("date", "<=", self.date_to), ("reconciled", "=", False)]
            ).ids) or (0,),
        )
        self.env.cr.execute(query)
        amounts = dict(self.env.cr.fetchall())
        currency = self.company_id.currency_id
        labels = dict(self.env["aftersales.receivable.aging"]._fields["bucket"]._description_selection(self.env))
        return [(labels[key], currency.round(amounts.get(key) or 0.0)) for key, _label in AGING_BUCKETS]

    def action_print_pdf(self):
        self.ensure_one()
        return self.env.ref("aftersales_account.action_report_aftersales_statement").report_action(self)

    def action_export_xlsx(self):
        self.ensure_one()
        return self.env.ref("aftersales_account.action_report_aftersales_statement_xlsx").report_action(self)
