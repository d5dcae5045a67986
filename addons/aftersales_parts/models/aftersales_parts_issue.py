from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.aftersales_reception.tools import business_step


class AftersalesPartsIssue(models.Model):
    """Issue note (领料单) or return note (退料单): parts leave and come back to the store only against a work order."""

    _name = "aftersales.parts.issue"
    _description = "Parts Issue Note"
    _inherit = ["mail.thread", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.parts.issue"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default=lambda self: self.env._("New"))
    kind = fields.Selection(
        [("issue", "Issue"), ("return", "Return")], required=True, default="issue", readonly=True,
        help="Issue: parts handed to the technician and consumed by the order. Return: unused parts back to stock.",
    )
    repair_id = fields.Many2one(
        "repair.order", string="Work Order", required=True, index=True, check_company=True,
        domain="[('state', 'in', ('confirmed', 'under_repair')), ('is_aftersales', '=', True)]",
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True, precompute=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id")
    job_id = fields.Many2one(
        "aftersales.job", check_company=True, domain="[('repair_id', '=', repair_id)]",
        help="Leave empty to issue for the whole work order.",
    )
    # The technician signs from his own login: who signed and when are the signing step's record.
    technician_id = fields.Many2one(
        "res.users", check_company=True, tracking=True, readonly=True, copy=False, aftersales_step=True,
        help="Who took the parts (or brought them back) and signed the note, from his own login.",
    )
    signature = fields.Image(string="Technician's Signature", max_width=1024, max_height=1024, attachment=True,
                             readonly=True, copy=False, aftersales_step=True)
    signed_by = fields.Char(readonly=True, copy=False, aftersales_step=True)
    signed_date = fields.Datetime(string="Signed on", readonly=True, copy=False, aftersales_step=True)
    clerk_id = fields.Many2one("res.users", string="Parts Clerk", readonly=True, copy=False, aftersales_step=True)
    date_done = fields.Datetime(string="Validated on", readonly=True, copy=False, aftersales_step=True)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, tracking=True, aftersales_step=True,
    )
    line_ids = fields.One2many("aftersales.parts.issue.line", "issue_id", string="Parts", copy=True)
    note = fields.Text()

    @api.model
    def _aftersales_sequence_code_for(self, vals):
        if vals.get("kind") == "return":
            return "aftersales.parts.return"
        return super()._aftersales_sequence_code_for(vals)

    def write(self, vals):
        if set(vals) - {"state", "clerk_id", "date_done", "message_main_attachment_id"} and any(
            issue.state != "draft" for issue in self
        ):
            raise UserError(self.env._("A validated or cancelled note cannot be changed."))
        if {"repair_id", "job_id", "kind"} & set(vals) and any(issue.signed_date for issue in self):
            raise UserError(self.env._("The technician signed this note as it is: it cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(issue.state == "done" for issue in self):
            raise UserError(self.env._("A validated note is part of the order's record and cannot be deleted."))

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @business_step
    def _technician_sign(self, signature):
        """The technician taking the parts (or bringing them back) signs the note from his own login."""
        if not self.env.user.has_group("aftersales_reception.group_workshop_technician"):
            raise AccessError(self.env._(
                "The technician signs the note himself, from his own login: the parts clerk cannot sign for him."
            ))
        if not signature:
            raise UserError(self.env._("Draw the signature before confirming."))
        for note in self:
            if note.state != "draft":
                raise UserError(self.env._("Note %(note)s is already validated or cancelled.", note=note.name))
            if note.signed_date:
                raise UserError(self.env._("Note %(note)s is already signed by %(technician)s.",
                                           note=note.name, technician=note.signed_by))
            if not note.line_ids:
                raise UserError(self.env._("Note %(note)s lists no parts.", note=note.name))
        # Technicians only read the store's notes: the signature is written by the step, not by them.
        self.sudo().write({  # sudo: technicians only read notes
            "technician_id": self.env.user.id,
            "signature": signature,
            "signed_by": self.env.user.name,
            "signed_date": fields.Datetime.now(),
        })
        return True

    def action_open_technician_sign(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Technician's Signature"),
            "res_model": "aftersales.parts.issue.sign",
            "view_mode": "form",
            "target": "new",
            "context": {"default_issue_id": self.id},
        }

    @business_step
    def action_validate(self):
        """The parts clerk hands the parts over (or takes them back): the stock moves follow at once."""
        for note in self:
            note._check_can_validate()
            quantities = note._quantities_by_move()
            if note.kind == "issue":
                note._issue_moves(quantities)
            else:
                note._return_moves(quantities)
            note.write({"state": "done", "clerk_id": self.env.uid, "date_done": fields.Datetime.now()})
        return True

    @business_step
    def action_cancel(self):
        if any(note.state != "draft" for note in self):
            raise UserError(self.env._("Only a draft note can be cancelled."))
        self.write({"state": "cancel"})

    def _check_can_validate(self):
        self.ensure_one()
        if self.state != "draft":
            raise UserError(self.env._("Note %(note)s is already validated or cancelled.", note=self.name))
        if self.repair_id.state not in ("confirmed", "under_repair"):
            raise UserError(self.env._(
                "Parts are issued and returned only for an approved work order that is not finished: %(order)s.",
                order=self.repair_id.name,
            ))
        if not self.line_ids:
            raise UserError(self.env._("Note %(note)s lists no parts.", note=self.name))
        if not self.signature or not self.technician_id:
            raise UserError(self.env._("The technician signs note %(note)s before the parts change hands.",
                                       note=self.name))
        strangers = self.line_ids.move_id.filtered(lambda move: move.repair_id != self.repair_id)
        if strangers:
            raise UserError(self.env._("Parts %(parts)s are not on work order %(order)s.",
                                       parts=", ".join(strangers.product_id.mapped("display_name")),
                                       order=self.repair_id.name))

    def _quantities_by_move(self):
        quantities = defaultdict(float)
        for line in self.line_ids:
            quantities[line.move_id] += line.quantity
        return quantities

    def _issue_moves(self, quantities):
        moves = self.env["stock.move"]
        for move, quantity in quantities.items():
            if move.state in ("done", "cancel") or move.repair_line_type != "add":
                raise UserError(self.env._("%(part)s is already issued or cancelled on this order.",
                                           part=move.product_id.display_name))
            if move.product_uom.compare(quantity, move.product_uom_qty) > 0:
                raise UserError(self.env._(
                    "%(part)s: %(quantity)s asked, the order needs %(needed)s. "
                    "The advisor adds the part to the order first.",
                    part=move.product_id.display_name, quantity=quantity, needed=move.product_uom_qty,
                ))
            if move.product_uom.compare(quantity, move.quantity) > 0:
                raise UserError(self.env._(
                    "%(part)s: %(quantity)s asked, only %(reserved)s reserved for the order.",
                    part=move.product_id.display_name, quantity=quantity, reserved=move.quantity,
                ))
            move.quantity = quantity
            moves |= move
        remainders = moves._aftersales_split_off_remainders(quantities)
        moves.picked = True
        moves._action_done(cancel_backorder=True)
        # What is still needed stays on the order, reserved again for it.
        remainders._action_assign()
        return remainders

    def _return_moves(self, quantities):
        vals_list = []
        for move, quantity in quantities.items():
            if move.state != "done" or move.repair_line_type != "add":
                raise UserError(self.env._("%(part)s was not issued on this order: nothing to return.",
                                           part=move.product_id.display_name))
            returnable = move.quantity - move.aftersales_returned_qty
            if move.product_uom.compare(quantity, returnable) > 0:
                raise UserError(self.env._(
                    "%(part)s: %(quantity)s returned, only %(returnable)s issued and not yet returned.",
                    part=move.product_id.display_name, quantity=quantity, returnable=returnable,
                ))
            vals_list.append(move._prepare_aftersales_return(quantity))
        return self.env["stock.move"].create(vals_list)._aftersales_done_at_once()
