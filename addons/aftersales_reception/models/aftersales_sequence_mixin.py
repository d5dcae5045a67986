from odoo import api, models


class AftersalesSequenceMixin(models.AbstractModel):
    """Numbers new records from an ``ir.sequence``: the record's own company's sequence if it has one,
    else the shared one, as every document of the department is numbered."""

    _name = "aftersales.sequence.mixin"
    _description = "After-sales Numbering"

    # Code of the ir.sequence that numbers the records; a model with several numberings overrides
    # _aftersales_sequence_code_for.
    _aftersales_sequence_code = None

    @api.model
    def _aftersales_sequence_code_for(self, vals):
        return self._aftersales_sequence_code

    @api.model
    def _aftersales_sequence_placeholders(self):
        """Names that mean "not numbered yet": "/" and the name's default ("New" in the user's language)."""
        default = self._fields["name"].default
        return {"/", default(self) if default else "/"}

    @api.model_create_multi
    def create(self, vals_list):
        placeholders = self._aftersales_sequence_placeholders()
        for vals in vals_list:
            if (vals.get("name") or "/") in placeholders:
                number = self.env["ir.sequence"].with_company(vals.get("company_id")).next_by_code(
                    self._aftersales_sequence_code_for(vals)
                )
                if number:
                    vals["name"] = number
        return super().create(vals_list)
