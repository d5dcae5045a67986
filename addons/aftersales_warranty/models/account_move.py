from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_claim_id = fields.Many2one(
        "aftersales.warranty.claim", string="Warranty Claim", index="btree_not_null", copy=False, readonly=True,
        aftersales_step=True, help="The warranty claim this invoice or credit note belongs to.",
    )

    def _aftersales_open_receivable_lines(self):
        return self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )

    def _aftersales_reconcile_receivables(self):
        """Reconcile the open receivable lines of these documents, per partner and account."""
        lines = self._aftersales_open_receivable_lines()
        for account in lines.account_id:
            for partner in lines.partner_id:
                group = lines.filtered(lambda line, a=account, p=partner: line.account_id == a
                                       and line.partner_id == p)
                if len(group) > 1:
                    group.reconcile()
