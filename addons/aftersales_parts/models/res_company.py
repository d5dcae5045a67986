from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Old parts kept for the manufacturer are not the store's stock: a virtual location like Odoo's own
# inventory-loss and scrap locations, outside every warehouse, is neither on hand, forecast nor valued.
RETAINED_USAGE = "inventory"


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_parts_issue_required = fields.Boolean(
        string="Parts Only on Issue Notes", default=True,
        help="Parts leave the store only on an issue note signed by the technician; a repair cannot end "
        "while parts of its order are not issued.",
    )
    aftersales_retained_location_id = fields.Many2one(
        "stock.location", string="Retained Parts Location", check_company=True,
        domain="[('usage', '=', 'inventory'), ('warehouse_id', '=', False), ('company_id', '=', id)]",
        help="Where replaced parts retained for warranty claims are kept until the manufacturer asks for them. "
        "A virtual location outside the warehouses: the old parts never count as stock of the new part.",
    )

    @api.constrains("aftersales_retained_location_id")
    def _check_aftersales_retained_location(self):
        for company in self:
            location = company.aftersales_retained_location_id
            if location and (location.usage != RETAINED_USAGE or location.warehouse_id):
                raise ValidationError(self.env._(
                    "Retained old parts are not stock of the new part: choose a location of type Inventory Loss "
                    "outside the warehouses for them (%(location)s is not).", location=location.display_name,
                ))

    def _aftersales_retained_location(self):
        """The retained-parts location, created the first time it is needed."""
        self.ensure_one()
        if not self.aftersales_retained_location_id:
            # sudo: locations and the company are the administrators'; the location is created on first use.
            self.sudo().aftersales_retained_location_id = self.env["stock.location"].sudo().create({
                "name": self.env._("Warranty Retained Parts"),
                "usage": RETAINED_USAGE,
                "company_id": self.id,
            })
        return self.aftersales_retained_location_id

    @api.model
    def _aftersales_migrate_retained_locations(self):
        """Take the retained-parts locations of older versions out of the stock.

        They were internal locations of the warehouse: the old parts in them counted as on hand, in the
        forecast and in the stock value. The location becomes virtual and leaves the warehouse; the moves
        in and out of it are no longer valued, and average costs are computed again without them.
        """
        companies = self.with_context(active_test=False).search([("aftersales_retained_location_id", "!=", False)])
        locations = companies.aftersales_retained_location_id.filtered(
            lambda location: location.usage != RETAINED_USAGE or location.warehouse_id
        )
        if not locations:
            return locations
        # The ORM refuses to change the type of a location holding stock: what it holds never was stock.
        self.env.cr.execute(
            "UPDATE stock_location SET usage = %s WHERE id IN %s", [RETAINED_USAGE, tuple(locations.ids)]
        )
        locations.invalidate_recordset(["usage"])
        locations.write({"location_id": False})
        Move = self.env["stock.move"]
        moves = Move.search([
            ("state", "=", "done"),
            "|", ("location_id", "in", locations.ids), ("location_dest_id", "in", locations.ids),
        ])
        self.env.add_to_compute(Move._fields["is_in"], moves)
        self.env.add_to_compute(Move._fields["is_out"], moves)
        moves.filtered(lambda move: not move.is_in and not move.is_out).value = 0.0
        moves.product_id._update_standard_price()
        return locations
