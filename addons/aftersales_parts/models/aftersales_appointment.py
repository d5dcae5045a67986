from collections import defaultdict

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records


class AftersalesAppointment(models.Model):
    """The parts named on an appointment are reserved for the visit, and ordered from their vendor when the
    stock is short (the handbook: 需要准备价值较高的配件量, against the deposit)."""

    _inherit = "aftersales.appointment"

    reservation_picking_id = fields.Many2one(
        "stock.picking", string="Parts Reservation", copy=False, readonly=True, aftersales_step=True,
        help="The internal transfer that holds the parts in stock for this visit until the work order is approved.",
    )
    reservation_purchase_ids = fields.Many2many(
        "purchase.order", "aftersales_appointment_purchase_rel", "appointment_id", "purchase_id",
        string="Parts Ordered", copy=False, readonly=True, aftersales_step=True,
    )
    parts_reservation_state = fields.Selection(
        [("none", "Nothing to Prepare"), ("to_reserve", "To Reserve"), ("waiting", "Waiting for Parts"),
         ("reserved", "Parts Reserved"), ("released", "Released")],
        string="Parts", compute="_compute_parts_reservation_state", store=True, compute_sudo=True,
    )

    @api.depends("part_line_ids", "reservation_picking_id.state")
    def _compute_parts_reservation_state(self):
        for appointment in self:
            picking = appointment.reservation_picking_id
            if not appointment.part_line_ids:
                appointment.parts_reservation_state = "none"
            elif not picking:
                appointment.parts_reservation_state = "to_reserve"
            elif picking.state == "cancel":
                appointment.parts_reservation_state = "released"
            elif picking.state in ("assigned", "done"):
                appointment.parts_reservation_state = "reserved"
            else:
                appointment.parts_reservation_state = "waiting"

    def _check_parts_editable(self):
        result = super()._check_parts_editable()
        if self.filtered("reservation_picking_id"):
            raise UserError(self.env._(
                "The parts are already reserved for this appointment: release the reservation (cancel the "
                "appointment and book again) to change them."
            ))
        return result

    # ------------------------------------------------------------------
    # The step
    # ------------------------------------------------------------------

    @business_step
    def action_reserve_parts(self):
        """Reserve the parts in stock for the visit and order what is short from each part's vendor."""
        user = self.env.user
        if not user.has_group("aftersales_parts.group_parts_clerk") and not user.has_group(
            "aftersales_reception.group_service_advisor"
        ):
            raise AccessError(self.env._("Only the parts clerk or a service advisor reserves an appointment's parts."))
        lock_records(self)  # reserved once: a second click at the same moment is refused
        for appointment in self:
            appointment._check_reservable()
        appointments = self
        if not self.env["stock.picking"].has_access("create"):
            appointments = self.sudo()  # sudo: the advisor reserving at the counter does what the parts store would
        for appointment in appointments:
            appointment._reserve_parts()
        return True

    def _check_reservable(self):
        self.ensure_one()
        if self.state not in ("booked", "confirmed"):
            raise UserError(self.env._("Parts are reserved for a booked or confirmed appointment: %(appointment)s.",
                                       appointment=self.name))
        if not self.part_line_ids:
            raise UserError(self.env._("Appointment %(appointment)s names no parts to prepare.",
                                       appointment=self.name))
        if self.reservation_picking_id:
            raise UserError(self.env._("The parts of appointment %(appointment)s are already reserved.",
                                       appointment=self.name))
        if self.currency_id.compare_amounts(self.deposit_due, 0.0) > 0:
            raise UserError(self.env._(
                "Take the deposit of %(amount)s first: the dearer parts of appointment %(appointment)s are "
                "reserved or ordered against it.",
                amount=format_amount(self.env, self.deposit_due, self.currency_id), appointment=self.name,
            ))

    def _reserve_parts(self):
        self.ensure_one()
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company_id.id)], limit=1)
        if not warehouse:
            raise UserError(self.env._("%(company)s has no warehouse to reserve parts in.",
                                       company=self.company_id.name))
        quantities = defaultdict(float)
        for line in self.part_line_ids:
            quantities[line.product_id] += line.quantity
        picking = self.env["stock.picking"].create({
            "picking_type_id": warehouse.int_type_id.id,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": warehouse.lot_stock_id.id,
            "origin": self.name,
            "partner_id": self.partner_id.id,
            "scheduled_date": self.start_date,
            "company_id": self.company_id.id,
            "move_ids": [Command.create({
                "product_id": product.id,
                "product_uom_qty": quantity,
                "product_uom": product.uom_id.id,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "company_id": self.company_id.id,
            }) for product, quantity in quantities.items()],
        })
        picking.action_confirm()
        picking.action_assign()
        shortages = {
            move.product_id: move.product_uom_qty - move.quantity
            for move in picking.move_ids
            if move.product_uom.compare(move.quantity, move.product_uom_qty) < 0
        }
        purchases, unsourced = self._order_shortages(shortages, warehouse)
        # The parts clerk reads appointments only; the reservation is recorded on it all the same.
        self.sudo().write({  # sudo: as above
            "reservation_picking_id": picking.id, "reservation_purchase_ids": [Command.set(purchases.ids)],
        })
        lines = [self.env._("Parts reserved for the visit: %(picking)s.", picking=picking.name)]
        if purchases:
            lines.append(self.env._("Ordered from the vendors: %(orders)s.",
                                    orders=", ".join(purchases.mapped("name"))))
        if unsourced:
            lines.append(self.env._("No vendor for %(parts)s: order them by hand.",
                                    parts=", ".join(unsourced.mapped("display_name"))))
        self.sudo().message_post(body=Markup("<br/>").join(lines), subtype_xmlid="mail.mt_note")  # sudo: as above
        return picking

    def _order_shortages(self, shortages, warehouse):
        """One request for quotation per vendor for the quantities the stock lacks; the parts without a vendor."""
        by_vendor = defaultdict(dict)
        unsourced = self.env["product.product"]
        for product, quantity in shortages.items():
            seller = product._select_seller(quantity=quantity, uom_id=product.uom_id)
            if seller:
                by_vendor[seller.partner_id][product] = quantity
            else:
                unsourced |= product
        purchases = self.env["purchase.order"]
        if by_vendor:
            purchases = purchases.create([{
                "partner_id": vendor.id,
                "company_id": self.company_id.id,
                "picking_type_id": warehouse.in_type_id.id,
                "origin": self.name,
                "order_line": [Command.create({"product_id": product.id, "product_qty": quantity})
                               for product, quantity in products.items()],
            } for vendor, products in by_vendor.items()])
        return purchases, unsourced

    def _release_parts_reservation(self):
        """The visit does not need the reservation any more: the work order reserves its own parts, or the
        appointment is off. Ordered parts arrive in stock as they are."""
        pickings = self.sudo().reservation_picking_id.filtered(  # sudo: the step's user may hold no stock rights
            lambda picking: picking.state not in ("done", "cancel")
        )
        if pickings:
            pickings.action_cancel()

    @business_step
    def action_cancel(self):
        result = super().action_cancel()
        self._release_parts_reservation()
        return result

    @business_step
    def action_mark_no_show(self):
        result = super().action_mark_no_show()
        self._release_parts_reservation()
        return result
