from odoo import api, fields, models
from odoo.exceptions import UserError

from .aftersales_job import PAYERS


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "aftersales.step.mixin"]

    aftersales_repair_id = fields.Many2one(
        "repair.order", string="Work Order", index="btree_not_null", copy=False, readonly=True, aftersales_step=True,
        help="The after-sales work order this invoice or cost entry settles.",
    )
    aftersales_payer = fields.Selection(PAYERS, string="Payer", copy=False, readonly=True, aftersales_step=True)
    # Statements of account and receivables aging read these two: set by hooks the payers' addons override.
    aftersales_payer_type = fields.Selection(
        PAYERS, string="Payer Type", compute="_compute_aftersales_payer_reference", store=True, index="btree_not_null",
        help="Who this document bills or books: the settlement's payer, or the payer of the claim it belongs to.",
    )
    aftersales_payer_reference = fields.Char(
        string="Claim / Case No.", compute="_compute_aftersales_payer_reference", store=True, index="btree_not_null",
        help="The payer's file this document belongs to: the warranty claim or the insurance case and claim.",
    )

    # The customer's settlement invoices still to be paid: what the To Collect list and the "paid" search read,
    # a few among years of paid ones. The predicate is the one the search writes, so PostgreSQL uses the index.
    _aftersales_customer_unpaid_index = models.Index(
        "(aftersales_repair_id) WHERE aftersales_repair_id IS NOT NULL AND aftersales_payer = 'customer'"
        " AND state <> 'cancel' AND (payment_state NOT IN ('paid', 'in_payment', 'reversed') OR payment_state IS NULL)"
    )

    @api.depends("aftersales_repair_id", "aftersales_payer", "ref")
    def _compute_aftersales_payer_reference(self):
        for move in self:
            move.aftersales_payer_type = move._aftersales_payer_type()
            move.aftersales_payer_reference = move._aftersales_payer_reference()

    def _aftersales_payer_type(self):
        """Hook: who this document bills or books; the warranty addon adds its claims' own documents."""
        self.ensure_one()
        return self.aftersales_payer

    def _aftersales_payer_reference(self):
        """Hook: the number of the payer's file (claim, case) this document belongs to; reception knows only the
        payer's reference the settlement wrote on an insurer's or a manufacturer's invoice."""
        self.ensure_one()
        return self.ref if self._aftersales_payer_type() in ("warranty", "insurance") else False

    def _aftersales_write_off_step(self):
        """Hook: the step that writes off what the payer does not pay of this document, when one must; Odoo's
        payment write-off would skip its rules (the insurance addon names its case's step)."""
        self.ensure_one()
        return False

    def _check_settlement_entries_kept(self):
        """A settled work order keeps its entries: the gate pass and the payers' shares rely on them."""
        moves = self.sudo()  # sudo: accountants outside after-sales cannot read work orders
        settlement = moves.filtered(lambda move: move.aftersales_repair_id.settlement_date)
        if settlement:
            raise UserError(self.env._(
                "%(entries)s settle work order %(orders)s: correct them with a credit note, not by resetting, "
                "cancelling or deleting them.",
                entries=", ".join(settlement.mapped("name")),
                orders=", ".join(settlement.aftersales_repair_id.mapped("name")),
            ))

    def button_draft(self):
        self._check_settlement_entries_kept()
        return super().button_draft()

    def button_cancel(self):
        self._check_settlement_entries_kept()
        return super().button_cancel()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_settlement_entry(self):
        self._check_settlement_entries_kept()
