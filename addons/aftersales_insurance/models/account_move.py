from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.depends("aftersales_repair_id.insurance_case_ids.name", "aftersales_repair_id.insurance_case_ids.claim_number")
    def _compute_aftersales_payer_reference(self):
        return super()._compute_aftersales_payer_reference()

    def _aftersales_payer_reference(self):
        """The insurer's documents carry the case and the insurer's claim number (报案号)."""
        self.ensure_one()
        order = self.aftersales_repair_id
        case = order._insurance_case() if order and self._aftersales_payer_type() == "insurance" else False
        if not case:
            return super()._aftersales_payer_reference()
        return " / ".join(filter(None, [case.name, case.claim_number]))

    def _aftersales_write_off_step(self):
        """What the insurer does not pay of a case's invoice is written off by the case's own step."""
        self.ensure_one()
        if self._aftersales_payer_type() == "insurance" and self.sudo().aftersales_repair_id._insurance_case():
            return self.env._("Insurer Pays Short of the insurance case")
        return super()._aftersales_write_off_step()
