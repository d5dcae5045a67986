from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_parts_issue_required = fields.Boolean(
        string="Parts Only on Issue Notes", default=True,
        help="Parts leave the store only on an issue note signed by the technician; a repair cannot end "
        "while parts of its order are not issued.",
    )
    aftersales_retained_location_id = fields.Many2one(
        "stock.location", string="Retained Parts Location", check_company=True,
        domain="[('usage', '=', 'internal'), ('company_id', '=', id)]",
        help="Where replaced parts retained for warranty claims are kept until the manufacturer asks for them.",
    )

    def _aftersales_retained_location(self):
        """The retained-parts location, created under the main warehouse the first time it is needed."""
        self.ensure_one()
        if not self.aftersales_retained_location_id:
            warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.id)], limit=1)
            self.sudo().aftersales_retained_location_id = self.env["stock.location"].sudo().create({
                "name": self.env._("Warranty Retained Parts"),
                "usage": "internal",
                "location_id": warehouse.view_location_id.id,
                "company_id": self.id,
            })
        return self.aftersales_retained_location_id
