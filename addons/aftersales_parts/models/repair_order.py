from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class RepairOrder(models.Model):
    _inherit = "repair.order"

    parts_issue_ids = fields.One2many("aftersales.parts.issue", "repair_id", string="Issue Notes")
    parts_issue_count = fields.Integer(string="Issue Note Count", compute="_compute_parts_issue_count")
    replaced_part_ids = fields.One2many("aftersales.replaced.part", "repair_id", string="Replaced Part Records")
    parts_state = fields.Selection(
        [("none", "No Parts"), ("waiting", "Waiting for Parts"), ("ready", "Parts Ready"),
         ("issued", "Parts Issued")],
        compute="_compute_parts_state", store=True,
        help="Waiting: some parts of the order are not in stock for it yet.",
    )
    aftersales_stage = fields.Selection(selection_add=[("waiting_parts", "Waiting for Parts"), ("in_repair",)])
    parts_expected_date = fields.Date(
        string="Parts Expected", compute="_compute_parts_state", store=True,
        help="When the last missing part is expected.",
    )
    # Counted as the system: every after-sales role sees that parts are on order, buyers open them.
    aftersales_purchase_ids = fields.Many2many(
        "purchase.order", string="Special Orders", compute="_compute_aftersales_purchase_ids", compute_sudo=True,
    )
    aftersales_purchase_count = fields.Integer(string="Special Order Count",
                                               compute="_compute_aftersales_purchase_ids", compute_sudo=True)

    @api.depends("parts_issue_ids")
    def _compute_parts_issue_count(self):
        counts = dict(self.env["aftersales.parts.issue"]._read_group(
            [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
        ))
        for order in self:
            order.parts_issue_count = counts.get(order, 0)

    @api.depends("move_ids.state", "move_ids.quantity", "move_ids.product_uom_qty", "move_ids.repair_line_type",
                 "move_ids.move_orig_ids.date", "move_ids.created_purchase_line_ids.date_planned")
    def _compute_parts_state(self):
        for order in self:
            parts = order.move_ids.filtered(lambda move: move.repair_line_type == "add" and move.state != "cancel")
            pending = parts.filtered(lambda move: move.state != "done")
            short = pending.filtered(
                lambda move: move.state not in ("draft", "assigned")
                and move.product_uom.compare(move.quantity, move.product_uom_qty) < 0
            )
            if not parts:
                order.parts_state = "none"
            elif short:
                order.parts_state = "waiting"
            elif pending:
                order.parts_state = "ready"
            else:
                order.parts_state = "issued"
            dates = [date for date in (move._aftersales_expected_arrival() for move in short) if date]
            order.parts_expected_date = max(dates) if dates else False

    def _compute_aftersales_purchase_ids(self):
        for order in self:
            moves = order.move_ids
            order.aftersales_purchase_ids = (
                moves.created_purchase_line_ids.order_id | moves.move_orig_ids.purchase_line_id.order_id
            )
            order.aftersales_purchase_count = len(order.aftersales_purchase_ids)

    # ------------------------------------------------------------------
    # Issue and return notes
    # ------------------------------------------------------------------

    def _create_parts_note(self, kind, job=None):
        """A draft issue (or return) note with everything that can be issued (or returned) now."""
        self.ensure_one()
        if self.state not in ("confirmed", "under_repair"):
            raise UserError(self.env._(
                "Parts are issued and returned only for an approved work order that is not finished: %(order)s.",
                order=self.name,
            ))
        moves = self.move_ids.filtered(lambda move: move.repair_line_type == "add")
        if job:
            moves = moves.filtered(lambda move: move.aftersales_job_id == job)
        lines = []
        for move in moves:
            if kind == "issue" and move.state in ("assigned", "partially_available"):
                quantity = move.quantity
            elif kind == "return" and move.state == "done":
                quantity = move.quantity - move.aftersales_returned_qty
            else:
                continue
            if move.product_uom.compare(quantity, 0) > 0:
                lines.append({"move_id": move.id, "quantity": quantity})
        if not lines:
            raise UserError(self.env._("Nothing reserved to issue on %(order)s.", order=self.name) if kind == "issue"
                            else self.env._("Nothing issued to return on %(order)s.", order=self.name))
        # The technician signs the note himself when he takes the parts (the signature dialog).
        return self.env["aftersales.parts.issue"].create({
            "kind": kind,
            "repair_id": self.id,
            "job_id": job.id if job else False,
            "line_ids": [fields.Command.create(line) for line in lines],
        })

    def action_create_parts_issue(self):
        return self._create_parts_note("issue").get_formview_action()

    def action_create_parts_return(self):
        return self._create_parts_note("return").get_formview_action()

    def action_view_parts_issues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_parts.aftersales_parts_issue_action")
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def _record_approval(self, channel, approved_by, signature=False, kind="estimate", jobs=None, note=False):
        # The appointment's reservation hands its parts over to the order, which reserves them on approval.
        self.check_in_id.appointment_id._release_parts_reservation()
        return super()._record_approval(channel, approved_by, signature=signature, kind=kind, jobs=jobs, note=note)

    def _get_repair_end_blockers(self):
        blockers = super()._get_repair_end_blockers()
        not_issued = self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state not in ("done", "cancel")
        )
        if not_issued and self.company_id.aftersales_parts_issue_required:
            blockers.append(self.env._(
                "Parts of %(order)s are not issued: %(parts)s. The store issues them to the technician, "
                "or the advisor takes them off the order.",
                order=self.name, parts=", ".join(not_issued.product_id.mapped("display_name")),
            ))
        return blockers

    # ------------------------------------------------------------------
    # Replaced parts
    # ------------------------------------------------------------------

    def action_record_replaced_parts(self):
        """One replaced part per part fitted, its disposition from the payer and the customer's choice."""
        self.ensure_one()
        recorded = self.replaced_part_ids.mapped(lambda part: (part.job_id.id, part.product_id.id))
        vals_list = []
        for move in self.move_ids.filtered(lambda move: move.repair_line_type == "add" and move.state == "done"):
            quantity = move.billing_quantity
            already = (move.aftersales_job_id.id, move.product_id.id) in recorded
            if already or move.product_uom.compare(quantity, 0) <= 0:
                continue
            if move.aftersales_job_id.payer == "warranty":
                disposition = "warranty"
            elif self.replaced_parts_disposal == "dealer_disposes":
                disposition = "scrap"
            else:
                disposition = "customer"
            vals_list.append({
                "repair_id": self.id, "job_id": move.aftersales_job_id.id, "product_id": move.product_id.id,
                "quantity": quantity, "disposition": disposition,
            })
        # No "created" message on each of the parts: they are recorded together, and each keeps its author and date.
        self.env["aftersales.replaced.part"].with_context(mail_create_nolog=True).create(vals_list)
        return self.action_view_replaced_parts()

    def action_view_replaced_parts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_parts.aftersales_replaced_part_action")
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    @api.depends("parts_state")
    def _compute_aftersales_stage(self):
        return super()._compute_aftersales_stage()

    def _aftersales_stage(self):
        # Approved but a part is not in stock for the car yet: it waits for parts (待料).
        stage = super()._aftersales_stage()
        if stage in ("confirmed", "in_repair") and self.parts_state == "waiting":
            return "waiting_parts"
        return stage

    @api.depends("replaced_part_ids.state")
    def _compute_delivery_blockers(self):
        return super()._compute_delivery_blockers()

    def _get_delivery_blockers(self):
        blockers = super()._get_delivery_blockers()
        pending = self.replaced_part_ids.filtered(lambda part: part.state == "pending")
        if pending:
            blockers.append(self.env._("Replaced parts are not processed: %(parts)s",
                                       parts=", ".join(pending.product_id.mapped("display_name"))))
        return blockers

    # ------------------------------------------------------------------
    # Shortages and special orders
    # ------------------------------------------------------------------

    def _action_repair_confirm(self):
        res = super()._action_repair_confirm()
        # Parts short at approval are ordered at once from their usual vendor.
        self.filtered("is_aftersales")._order_missing_parts(only_with_vendor=True)
        return res

    def action_order_missing_parts(self):
        ordered = self._order_missing_parts()
        if not ordered:
            raise UserError(self.env._("Every part of the order is in stock or already ordered."))
        return True

    def _missing_parts(self):
        """{move: quantity} of the orders' parts neither in stock for the order nor already ordered."""
        missing = defaultdict(float)
        for move in self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state in ("confirmed", "partially_available")
        ):
            incoming = sum(move.move_orig_ids.filtered(lambda orig: orig.state != "cancel").mapped("product_uom_qty"))
            draft_lines = move.created_purchase_line_ids.filtered(lambda line: line.state in ("draft", "sent"))
            on_order = incoming + sum(draft_lines.mapped("product_qty"))
            quantity = move.product_uom_qty - move.quantity - on_order
            if move.product_uom.compare(quantity, 0) > 0:
                missing[move] = quantity
        return missing

    def _order_missing_parts(self, only_with_vendor=False):
        """Create or join a purchase for each missing part, chained to the order's part line."""
        procurements = []
        Procurement = self.env["stock.rule"].Procurement
        buy_route = self.env.ref("purchase_stock.route_warehouse0_buy", raise_if_not_found=False)
        no_vendor = self.env["product.product"]
        # sudo: ordering is the store's job done on the advisor's approval; the purchase is made as the system,
        # in the order's company.
        for move, quantity in self.sudo()._missing_parts().items():
            move = move.with_company(move.company_id)
            if not move.product_id.seller_ids:
                no_vendor |= move.product_id
                continue
            seller = move.product_id._select_seller(quantity=quantity, uom_id=move.product_uom) or \
                move.product_id.seller_ids[:1]
            values = move._prepare_procurement_values()
            # Needed as soon as the vendor can deliver: that is the date the advisor tells the customer.
            values["date_planned"] = fields.Datetime.now() + timedelta(days=seller.delay)
            # No reference: special orders to one vendor gather on one draft purchase.
            values.pop("reference_ids", None)
            values.update({"move_dest_ids": move, "route_ids": buy_route, "company_id": move.company_id})
            procurements.append(Procurement(
                move.product_id, quantity, move.product_uom, move.location_id, move.repair_id.name,
                move.repair_id.name, move.company_id, values,
            ))
        if no_vendor and not only_with_vendor:
            raise UserError(self.env._("Set a vendor on %(parts)s to order them.",
                                       parts=", ".join(no_vendor.mapped("display_name"))))
        if procurements:
            # sudo: the purchase is the store's, made on the advisor's approval.
            self.env["stock.rule"].sudo().with_company(procurements[0].company_id).run(procurements)
        return len(procurements)

    def action_view_aftersales_purchases(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "purchase.order",
            "name": self.env._("Special Orders"),
            "view_mode": "list,form",
            "domain": [("id", "in", self.aftersales_purchase_ids.ids)],
        }
