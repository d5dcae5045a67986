import math

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from odoo.addons.aftersales_reception.tools import business_step

# Where parts go when they are used up: sold over the counter or fitted in the workshop.
CONSUMPTION_USAGES = ("customer", "production")


class AftersalesReplenishment(models.Model):
    """The monthly parts order (月度订货计划): consumption of the last months → min/max → purchase order."""

    _name = "aftersales.replenishment"
    _description = "Monthly Parts Order Proposal"
    _inherit = ["mail.thread", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.replenishment"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, check_company=True,
        default=lambda self: self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1),
    )
    vendor_id = fields.Many2one("res.partner", string="Manufacturer", required=True, check_company=True,
                                tracking=True, help="Who the monthly order goes to.")
    date = fields.Date(string="Proposal Date", required=True, default=fields.Date.context_today)
    months = fields.Integer(string="Months of Consumption", required=True, default=3,
                            help="Average the consumption of this many full months before the proposal date.")
    min_months = fields.Float(string="Minimum Cover (months)", required=True, default=1.0,
                              help="Order when the forecast stock falls below this many months of consumption.")
    max_months = fields.Float(string="Maximum Cover (months)", required=True, default=2.0,
                              help="Order up to this many months of consumption.")
    line_ids = fields.One2many("aftersales.replenishment.line", "replenishment_id", string="Lines", copy=False)
    state = fields.Selection([("draft", "Draft"), ("ordered", "Ordered"), ("cancel", "Cancelled")],
                             default="draft", required=True, readonly=True, tracking=True, copy=False, index=True,
                             aftersales_step=True)
    purchase_id = fields.Many2one("purchase.order", string="Purchase Order", readonly=True, copy=False,
                                  check_company=True, aftersales_step=True)
    amount_total = fields.Monetary(string="Estimated Amount", compute="_compute_amount_total")

    _months_positive = models.Constraint(
        "CHECK(months > 0 AND min_months >= 0 AND max_months >= min_months)",
        "Average over at least one month, and keep the maximum cover above the minimum.",
    )

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for proposal in self:
            proposal.amount_total = sum(proposal.line_ids.mapped("amount"))

    def write(self, vals):
        if set(vals) - {"message_main_attachment_id", "state", "purchase_id"} and any(
            proposal.state != "draft" for proposal in self
        ):
            raise UserError(self.env._("An ordered or cancelled proposal cannot be changed."))
        return super().write(vals)

    def _period(self):
        """The full months averaged: [start, end) before the proposal's month."""
        self.ensure_one()
        end = fields.Datetime.to_datetime(self.date.replace(day=1))
        return end - relativedelta(months=self.months), end

    def _consumption_by_product(self):
        """Net quantity used per part in the period: what left for customers and repairs, less returns."""
        self.ensure_one()
        start, end = self._period()
        base = Domain([
            ("company_id", "=", self.company_id.id), ("state", "=", "done"),
            ("date", ">=", start), ("date", "<", end), ("product_id.is_storable", "=", True),
        ])
        in_warehouse = [("warehouse_id", "=", self.warehouse_id.id), ("usage", "=", "internal")]
        Move = self.env["stock.move"]
        outgoing = Move._read_group(
            base & Domain("location_id", "any", in_warehouse)
            & Domain("location_dest_id.usage", "in", CONSUMPTION_USAGES),
            ["product_id"], ["product_qty:sum"],
        )
        returned = dict(Move._read_group(
            base & Domain("location_dest_id", "any", in_warehouse)
            & Domain("location_id.usage", "in", CONSUMPTION_USAGES),
            ["product_id"], ["product_qty:sum"],
        ))
        return {
            product: quantity - returned.get(product, 0.0)
            for product, quantity in outgoing
            if quantity - returned.get(product, 0.0) > 0
        }

    def action_compute(self):
        """Propose min/max and the quantity to order for every part consumed in the period."""
        for proposal in self:
            if proposal.state != "draft":
                raise UserError(self.env._("Only a draft proposal can be computed."))
            consumption = proposal._consumption_by_product()
            # Parts bought from other vendors are left to their own orders.
            products = self.env["product.product"].union(*consumption).filtered(
                lambda product, vendor=proposal.vendor_id: not product.seller_ids
                or vendor in product.seller_ids.partner_id
            ).with_context(warehouse_id=proposal.warehouse_id.id)
            orderpoints = self.env["stock.warehouse.orderpoint"].search([
                ("warehouse_id", "=", proposal.warehouse_id.id), ("product_id", "in", products.ids),
            ])
            orderpoint_by_product = {orderpoint.product_id: orderpoint for orderpoint in orderpoints}
            line_vals = []
            for product in products:
                average = consumption[product] / proposal.months
                min_qty = math.ceil(average * proposal.min_months)
                max_qty = max(math.ceil(average * proposal.max_months), min_qty)
                forecast = product.virtual_available
                order_qty = math.ceil(max_qty - forecast) if forecast < min_qty else 0
                line_vals.append({
                    "replenishment_id": proposal.id,
                    "product_id": product.id,
                    "consumption_qty": consumption[product],
                    "average_qty": average,
                    "on_hand_qty": product.qty_available,
                    "forecast_qty": forecast,
                    "min_qty": min_qty,
                    "max_qty": max_qty,
                    "order_qty": order_qty,
                    "orderpoint_id": orderpoint_by_product.get(product, self.env["stock.warehouse.orderpoint"]).id,
                })
            proposal.line_ids.unlink()
            self.env["aftersales.replenishment.line"].create(line_vals)
        return True

    def action_apply_orderpoints(self):
        """Write the suggested min/max into the warehouse's reordering rules (created when missing)."""
        # The parts clerk keeps the store's reordering rules without being an inventory administrator.
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        for proposal in self:
            if not proposal.line_ids:
                raise UserError(self.env._("Compute the proposal first."))
            existing = proposal.line_ids.filtered("orderpoint_id")
            for line in existing:
                line.orderpoint_id.write({"product_min_qty": line.min_qty, "product_max_qty": line.max_qty})
            missing = proposal.line_ids - existing
            orderpoints = Orderpoint.create([{
                "warehouse_id": proposal.warehouse_id.id,
                "location_id": proposal.warehouse_id.lot_stock_id.id,
                "product_id": line.product_id.id,
                "product_min_qty": line.min_qty,
                "product_max_qty": line.max_qty,
                "trigger": "manual",
                "company_id": proposal.company_id.id,
            } for line in missing])
            for line, orderpoint in zip(missing, orderpoints, strict=True):
                line.orderpoint_id = orderpoint
        return True

    @business_step
    def action_create_purchase(self):
        """One click: the manufacturer purchase order with every line to order."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("This proposal has already been ordered or cancelled."))
        lines = self.line_ids.filtered(lambda line: line.order_qty > 0)
        if not lines:
            raise UserError(self.env._("Nothing to order: every part is above its minimum."))
        order = self.env["purchase.order"].create({
            "partner_id": self.vendor_id.id,
            "company_id": self.company_id.id,
            "picking_type_id": self.warehouse_id.in_type_id.id,
            "origin": self.name,
            "order_line": [Command.create({"product_id": line.product_id.id, "product_qty": line.order_qty})
                           for line in lines],
        })
        self.write({"state": "ordered", "purchase_id": order.id})
        return self.action_view_purchase()

    def action_view_purchase(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "res_id": self.purchase_id.id,
            "view_mode": "form",
        }

    @business_step
    def action_cancel(self):
        if any(proposal.state != "draft" for proposal in self):
            raise UserError(self.env._("Only a draft proposal can be cancelled; cancel its purchase order instead."))
        self.write({"state": "cancel"})
        return True
