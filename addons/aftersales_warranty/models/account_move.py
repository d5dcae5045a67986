from odoo import api, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    aftersales_claim_id = fields.Many2one(
        "aftersales.warranty.claim", string="Warranty Claim", index="btree_not_null", copy=False, readonly=True,
        aftersales_step=True, help="The warranty claim this invoice or credit note belongs to.",
    )

    @api.depends("aftersales_claim_id.name", "aftersales_claim_id.manufacturer_ref")
    def _compute_aftersales_payer_reference(self):
        return super()._compute_aftersales_payer_reference()

    def _aftersales_payer_type(self):
        # The claim's own documents (difference, credit note) bill the manufacturer too.
        if self.aftersales_claim_id and not self.aftersales_payer:
            return "warranty"
        return super()._aftersales_payer_type()

    def _aftersales_payer_reference(self):
        claim = self.aftersales_claim_id
        if not claim:
            return super()._aftersales_payer_reference()
        return " / ".join(filter(None, [claim.name, claim.manufacturer_ref]))

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
