from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .aftersales_job import PRICES_GROUP


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_job_id = fields.Many2one(
        "aftersales.job", string="Job", index="btree_not_null", check_company=True,
        domain="[('repair_id', '=', repair_id)]",
        help="The job this part belongs to; the part inherits the job's payer.",
    )
    aftersales_payer = fields.Selection(related="aftersales_job_id.payer", string="Payer", store=True)
    # Not precomputed: that reads the price as the creator of any stock move (an Inventory user, the workshop
    # floor), who may not read prices; it is computed at the flush, by the superuser.
    billing_price_unit = fields.Float(
        string="Unit Price", digits="Product Price",
        compute="_compute_billing_price_unit", store=True, readonly=False,
        help="Price charged to the job's payer for one unit.", groups=PRICES_GROUP,
    )
    billing_quantity = fields.Float(
        string="Billed Quantity", digits="Product Unit", compute="_compute_billing_quantity", store=True,
        help="What the payer is billed for: the quantity used once the part is consumed, the demand before.",
    )
    billing_amount = fields.Monetary(
        string="Amount", compute="_compute_billing_amount", store=True, currency_field="company_currency_id",
        groups=PRICES_GROUP,
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    # A part the customer brings is fitted without a charge and without the dealer's guarantee, and does not
    # leave the dealer's stock (it comes from the customer's location).
    aftersales_part_origin = fields.Selection(
        [("genuine", "Genuine"), ("non_genuine", "Non-genuine"), ("customer_supplied", "Customer-supplied")],
        string="Part Origin", compute="_compute_aftersales_part_origin", store=True, readonly=False, precompute=True,
    )

    @api.depends("product_id")
    def _compute_aftersales_part_origin(self):
        for move in self:
            if move.aftersales_part_origin != "customer_supplied" or not move.product_id:
                move.aftersales_part_origin = move.product_id.aftersales_part_origin or False

    @api.depends("aftersales_part_origin")
    def _compute_location_id(self):
        supplied = self.filtered(lambda move: move.repair_id and move.aftersales_part_origin == "customer_supplied")
        if supplied:
            supplied.location_id = self.env.ref("stock.stock_location_customers")
        return super(StockMove, self - supplied)._compute_location_id()

    @api.depends("product_id", "aftersales_job_id.payer", "aftersales_part_origin")
    def _compute_billing_price_unit(self):
        for move in self:
            if move.repair_id and move.product_id:
                move.billing_price_unit = move._aftersales_billing_price()
            elif not move.billing_price_unit:
                move.billing_price_unit = 0.0

    def _aftersales_billing_price(self):
        """What the job's payer is charged for one unit: nothing for a part the customer brought."""
        self.ensure_one()
        if self.aftersales_part_origin == "customer_supplied":
            return 0.0
        return self._aftersales_price_for_payer(self.aftersales_job_id.payer or "customer")

    def _aftersales_price_for_payer(self, payer):
        """Unit price of the part for a payer: the list price, at cost for internal jobs.

        The parts module refines this (warranty reimbursement prices, price lists).
        """
        self.ensure_one()
        if payer == "internal":
            return self.product_id.standard_price
        return self.product_id.lst_price

    @api.depends("product_uom_qty", "quantity", "state")
    def _compute_billing_quantity(self):
        for move in self:
            # Bill what was used once the part is consumed, what is planned before.
            move.billing_quantity = move.quantity if move.state == "done" else move.product_uom_qty

    @api.depends("billing_price_unit", "billing_quantity")
    def _compute_billing_amount(self):
        for move in self:
            move.billing_amount = move.company_currency_id.round(move.billing_quantity * move.billing_price_unit)

    @api.constrains("product_uom_qty", "billing_price_unit", "repair_id")
    def _check_aftersales_part_line(self):
        """A part line of an after-sales work order: a quantity and a price that can be real."""
        # sudo: the price is checked whoever changes the line (the workshop floor reads no prices).
        for move in self.sudo().filtered(lambda m: m.repair_id.is_aftersales or m.aftersales_job_id):
            if move.product_uom_qty < 0:
                raise ValidationError(self.env._(
                    "The quantity of %(part)s cannot be negative (%(qty)s): to take a part back, return it "
                    "to the store.", part=move.product_id.display_name, qty=move.product_uom_qty,
                ))
            limit = move.company_id.aftersales_max_part_qty
            if limit and move.product_uom_qty > limit:
                raise ValidationError(self.env._(
                    "%(qty)s %(uom)s of %(part)s is more than the %(limit)s a part line may hold (after-sales "
                    "settings): check the quantity.",
                    qty=move.product_uom_qty, uom=move.product_uom.name, part=move.product_id.display_name,
                    limit=limit,
                ))
            if move.billing_price_unit < 0:
                raise ValidationError(self.env._(
                    "The unit price of %(part)s cannot be negative (%(price)s).",
                    part=move.product_id.display_name, price=move.billing_price_unit,
                ))

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.repair_id._check_aftersales_editable()
        return moves

    def write(self, vals):
        guarded = {"product_id", "product_uom_qty", "billing_price_unit", "aftersales_job_id", "aftersales_part_origin"}
        if guarded & set(vals):
            if "aftersales_part_origin" in vals and self.filtered(lambda move: move.state not in ("draft", "cancel")):
                raise UserError(self.env._(
                    "The origin of a part is set before the work order is approved: remove the line and add it "
                    "again."
                ))
            self.repair_id._check_aftersales_editable()
        if "billing_price_unit" not in vals or self.env["aftersales.job"]._may_set_prices():
            return super().write(vals)
        prices = {move: move.billing_price_unit for move in self}
        res = super().write(vals)
        for move in self.filtered("repair_id"):
            # Only the price the part has for the job's payer (e.g. after a change of part) may be set.
            precision = self.env["decimal.precision"].precision_get("Product Price")
            expected = move._aftersales_billing_price()
            if float_compare(move.billing_price_unit, prices[move], precision_digits=precision) and float_compare(
                move.billing_price_unit, expected, precision_digits=precision
            ):
                raise AccessError(self.env._(
                    "Only a service advisor or the service manager changes the price of %(part)s on work order "
                    "%(order)s.", part=move.product_id.display_name, order=move.repair_id.name,
                ))
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settled_order(self):
        self.repair_id._check_aftersales_editable()
