from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    superseded_by_id = fields.Many2one(
        "product.product", string="Superseded by", index="btree_not_null",
        help="The manufacturer replaced this part number by another one: ordering, searching and issuing "
        "follow the chain to the newest number.",
    )
    warranty_price = fields.Float(
        digits="Product Price",
        help="What the manufacturer reimburses for this part on a warranty job; the sales price when empty.",
    )
    # Not copied and kept to after-sales users: others (sales, accounting) have no access to vehicle models.
    compatible_model_ids = fields.Many2many(
        "fleet.vehicle.model", string="Fits Vehicle Models", copy=False,
        groups="aftersales_reception.group_aftersales_user",
    )

    @api.constrains("superseded_by_id")
    def _check_supersession_chain(self):
        for template in self.filtered("superseded_by_id"):
            seen = template.product_variant_ids
            current = template.superseded_by_id
            while current:
                if current in seen:
                    raise ValidationError(self.env._(
                        "Part %(part)s cannot supersede itself, directly or through other numbers.",
                        part=template.display_name,
                    ))
                seen |= current
                current = current.product_tmpl_id.superseded_by_id
