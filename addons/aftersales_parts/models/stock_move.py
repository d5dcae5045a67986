from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import format_list

from odoo.addons.aftersales_reception.tools import current_step


class StockMove(models.Model):
    _inherit = "stock.move"

    aftersales_returned_qty = fields.Float(
        string="Returned", digits="Product Unit", compute="_compute_aftersales_returned_qty", store=True,
        help="Issued to the technician, then brought back unused to the store.",
    )
    aftersales_stock_status = fields.Selection(
        [("available", "In Stock"), ("partial", "Partly in Stock"), ("short", "Short"), ("issued", "Issued")],
        string="Availability", compute="_compute_aftersales_stock_status",
    )
    aftersales_expected_date = fields.Date(
        string="Expected", compute="_compute_aftersales_stock_status",
        help="When a short part is expected: the purchase's planned receipt, else the stock forecast.",
    )

    @api.depends("picking_id", "product_id", "location_id", "location_dest_id", "aftersales_job_id.name")
    @api.depends_context("aftersales_part_line")
    def _compute_display_name(self):
        """On an issue or return note a part line of the work order reads as its part and job: the
        locations (the store and the virtual consumption location) say nothing to the technician."""
        if not self.env.context.get("aftersales_part_line"):
            return super()._compute_display_name()
        for move in self:
            part = move.product_id.display_name or ""
            move.display_name = f"{part} – {move.aftersales_job_id.name}" if move.aftersales_job_id else part
        return None

    @api.model
    def _search_display_name(self, operator, value):
        """A part line is found by its part (number or name) or its job."""
        domain = super()._search_display_name(operator, value)
        if not self.env.context.get("aftersales_part_line") or operator != "ilike" or not isinstance(value, str):
            return domain
        return Domain.OR([
            domain, Domain("product_id", "ilike", value), Domain("aftersales_job_id.name", "ilike", value),
        ])

    @api.depends("returned_move_ids.state", "returned_move_ids.quantity")
    def _compute_aftersales_returned_qty(self):
        for move in self:
            move.aftersales_returned_qty = sum(
                move.returned_move_ids.filtered(lambda returned: returned.state == "done").mapped("quantity")
            )

    @api.depends("aftersales_returned_qty")
    def _compute_billing_quantity(self):
        result = super()._compute_billing_quantity()
        for move in self.filtered(lambda move: move.state == "done"):
            move.billing_quantity -= move.aftersales_returned_qty
        return result

    @api.depends("state", "quantity", "product_uom_qty", "move_orig_ids.date", "created_purchase_line_ids")
    def _compute_aftersales_stock_status(self):
        for move in self:
            move.aftersales_expected_date = False
            if move.state == "done":
                move.aftersales_stock_status = "issued"
                continue
            if move.state == "cancel" or not move.product_id:
                move.aftersales_stock_status = False
                continue
            reserved = move.quantity if move.state in ("assigned", "partially_available") else 0.0
            if move.product_uom.compare(reserved, move.product_uom_qty) >= 0:
                move.aftersales_stock_status = "available"
                continue
            if move.state == "draft":
                # Not reserved yet (estimate): compare with what the store has free.
                free = move.product_id.with_context(location=move.location_id.id).free_qty
                if move.product_uom.compare(free, move.product_uom_qty) >= 0:
                    move.aftersales_stock_status = "available"
                    continue
                move.aftersales_stock_status = "partial" if free > 0 else "short"
            else:
                move.aftersales_stock_status = "partial" if reserved > 0 else "short"
            move.aftersales_expected_date = move._aftersales_expected_arrival()

    def _aftersales_expected_arrival(self):
        self.ensure_one()
        incoming = self.move_orig_ids.filtered(lambda move: move.state not in ("done", "cancel"))
        if incoming:
            return max(incoming.mapped("date")).date()
        purchase_lines = self.created_purchase_line_ids.filtered(lambda line: line.state != "cancel")
        if purchase_lines:
            return max(purchase_lines.mapped("date_planned")).date()
        return self.forecast_expected_date and self.forecast_expected_date.date()

    def _prepare_move_split_vals(self, qty):
        vals = super()._prepare_move_split_vals(qty)
        if self.repair_id:
            # What is not issued yet stays on the same order and job, at the same price.
            vals.update({
                "repair_id": self.repair_id.id,
                "repair_line_type": self.repair_line_type,
                "aftersales_job_id": self.aftersales_job_id.id,
                "billing_price_unit": self.billing_price_unit,
            })
        return vals

    def _aftersales_split_off_remainders(self, issued):
        """Split what is not issued off each move (repair moves are never split by Odoo itself).

        :param issued: {move: quantity issued now}
        :return: the new moves, still needed by the order
        """
        vals_list = []
        for move in self:
            remaining = move.product_uom_qty - issued[move]
            if move.product_uom.compare(remaining, 0) > 0:
                vals_list.extend(move.copy_data(move._prepare_move_split_vals(remaining)))
                move.with_context(do_not_unreserve=True).product_uom_qty = issued[move]
        # The remainders must not merge back into the moves being issued.
        return self.with_context(aftersales_keep_split=True).create(vals_list)

    def _aftersales_done_at_once(self):
        """Confirm and validate new moves in one go: the goods already changed hands."""
        self._action_confirm(merge=False)
        for move in self:
            move.quantity = move.product_uom_qty
        self.picked = True
        return self._action_done()

    def _merge_moves(self, merge_into=False):
        if self.env.context.get("aftersales_keep_split"):
            return self
        return super()._merge_moves(merge_into=merge_into)

    def _prepare_aftersales_return(self, quantity):
        """An unused part back from the workshop to the store it was issued from."""
        self.ensure_one()
        return {
            "product_id": self.product_id.id,
            "product_uom": self.product_uom.id,
            "product_uom_qty": quantity,
            "location_id": self.location_dest_id.id,
            "location_dest_id": self.location_id.id,
            "origin": self.repair_id.name,
            "origin_returned_move_id": self.id,
            "company_id": self.company_id.id,
            "repair_id": self.repair_id.id,
            "repair_line_type": "recycle",
            "billing_price_unit": 0.0,
        }

    @api.model_create_multi
    def create(self, vals_list):
        # A part issued on a work order is always the newest number of its supersession chain.
        self.env["product.product"]._aftersales_supersede_vals([vals for vals in vals_list if vals.get("repair_id")])
        return super().create(vals_list)

    def _action_done(self, cancel_backorder=False):
        self._aftersales_check_leaving_store()
        done = super()._action_done(cancel_backorder=cancel_backorder)
        done._notify_aftersales_arrivals()
        return done

    def _aftersales_leaves_store(self):
        """Whether the move takes parts out of the store: from an internal location to a virtual one
        (customer, vendor, scrap or inventory loss, production)."""
        self.ensure_one()
        lines = self.move_line_ids.filtered("picked") or self.move_line_ids
        sources = lines.location_id or self.location_id
        destinations = lines.location_dest_id or self.location_dest_id
        return "internal" in sources.mapped("usage") and bool(
            destinations.filtered(lambda location: location.usage not in ("internal", "transit"))
        )

    def _aftersales_may_leave_store(self):
        """The ways out of the store an after-sales role may take: a work order, or the return of goods
        refused at receiving. Other addons add theirs (and name them in ``_aftersales_store_exits``)."""
        self.ensure_one()
        if self.repair_id:
            # A work order's parts leave in its steps: the signed issue note, or the repair's end.
            return bool(current_step())
        Refusal = self.env["aftersales.receipt.refusal"].sudo()  # sudo: refusals are the store's records
        return bool(self.picking_id.picking_type_id.aftersales_quality_return
                    and Refusal.search_count([("return_picking_id", "=", self.picking_id.id)], limit=1))

    def _aftersales_store_exits(self):
        """The ways out of the store, as the refusal names them to the user."""
        return [self.env._("a work order (on an issue note signed by the technician)")]

    def _aftersales_check_leaving_store(self):
        """After-sales roles send parts out of the store only the ways ``_aftersales_may_leave_store`` allows.

        Odoo's own stock users outside after-sales, and inventory administrators, keep their rights.
        """
        user = self.env.user
        if self.env.su or not user.has_group("aftersales_reception.group_aftersales_user") or user.has_group(
            "stock.group_stock_manager"
        ):
            return
        refused = self.filtered(
            lambda move: move.product_id.is_storable and move._aftersales_leaves_store()
            and not move._aftersales_may_leave_store()
        )
        if refused:
            raise UserError(self.env._(
                "Parts leave the store only against %(exits)s: %(parts)s cannot go to %(destination)s.",
                exits=format_list(self.env, self._aftersales_store_exits(), style="or"),
                parts=", ".join(refused.product_id.mapped("display_name")),
                destination=", ".join(refused.location_dest_id.mapped("display_name")),
            ))

    def _notify_aftersales_arrivals(self):
        """A special order arrived: it is reserved for the work order; the advisor calls the customer."""
        waiting = self.filtered(lambda move: move.state == "done").move_dest_ids.filtered(
            lambda move: move.repair_id and move.state not in ("done", "cancel")
        )
        for order in waiting.repair_id:
            parts = waiting.filtered(lambda move, order=order: move.repair_id == order).product_id
            order.activity_schedule(
                "mail.mail_activity_data_call",
                user_id=(order.user_id or self.env.user).id,
                summary=self.env._("Parts arrived: call the customer"),
                note=self.env._("Parts ordered for %(order)s arrived and are reserved for it: %(parts)s.",
                                order=order.name, parts=", ".join(parts.mapped("display_name"))),
            )

    def _aftersales_price_for_payer(self, payer):
        if payer == "warranty" and self.product_id.warranty_price:
            return self.product_id.warranty_price
        return super()._aftersales_price_for_payer(payer)
