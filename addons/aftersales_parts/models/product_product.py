from odoo import api, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _latest_supersession(self):
        """The newest part number in the supersession chain (the part itself when not superseded)."""
        self.ensure_one()
        current = self
        while current.product_tmpl_id.superseded_by_id:
            current = current.product_tmpl_id.superseded_by_id
        return current

    @api.model
    def _aftersales_supersede_vals(self, vals_list):
        """Put the newest number of its supersession chain in place of each ``product_id`` of ``vals_list``."""
        for vals in vals_list:
            if vals.get("product_id"):
                vals["product_id"] = self.browse(vals["product_id"])._latest_supersession().id
        return vals_list

    @api.model
    def name_search(self, name="", domain=None, operator="ilike", limit=100):
        # Searching an old part number also offers the part that replaced it.
        result = super().name_search(name, domain, operator, limit)
        found = self.browse([product_id for product_id, _name in result])
        newest = self.browse(list(dict.fromkeys(product._latest_supersession().id for product in found))) - found
        return result + [(product.id, product.display_name) for product in newest]
