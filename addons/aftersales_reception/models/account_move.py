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
