from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step


class AftersalesReplacedPart(models.Model):
    _name = "aftersales.replaced.part"
    _inherit = ["aftersales.replaced.part", "aftersales.step.mixin"]

    # Set by the claim's steps: the claim that takes the part, its return or its scrapping.
    claim_id = fields.Many2one("aftersales.warranty.claim", string="Warranty Claim", index="btree_not_null",
                               copy=False, readonly=True, check_company=True, aftersales_step=True)
    # Searched on every validated picking: indexed.
    return_picking_id = fields.Many2one("stock.picking", string="Return to Manufacturer", readonly=True,
                                        index="btree_not_null", copy=False, aftersales_step=True)
    scrap_id = fields.Many2one("stock.scrap", string="Scrap Order", readonly=True, copy=False,
                               aftersales_step=True)

    @api.model_create_multi
    def create(self, vals_list):
        parts = super().create(vals_list)
        # A part retained after the claim was written still goes with it.
        claimed = parts.filtered(lambda part: part.disposition == "warranty" and part.job_id.warranty_claim_ids)
        for part in claimed:
            part._link_claim(part.job_id.warranty_claim_ids[-1:])
        return parts

    @business_step
    def _link_claim(self, claim):
        """Tag the parts with the claim number: the manufacturer matches the part to the claim by it."""
        self.write({"claim_id": claim.id, "tag": claim.name})

    def _check_retained(self):
        not_retained = self.filtered(lambda part: part.state != "retained")
        if not_retained:
            raise UserError(self.env._(
                "%(parts)s are not in the retained-parts location (retain them first, or they already left).",
                parts=", ".join(not_retained.mapped("name")),
            ))

    @business_step
    def _return_to_manufacturer(self, manufacturer):
        """One outgoing transfer from the retained-parts location to the manufacturer."""
        self._check_retained()
        company = self.company_id
        company.ensure_one()
        location = company._aftersales_retained_location()
        warehouse = location.warehouse_id or self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        picking_type = warehouse.out_type_id
        destination = manufacturer.with_company(company).property_stock_customer
        # sudo: the return ships from the store; the warranty clerk holds no stock rights.
        picking = self.env["stock.picking"].sudo().create({
            "picking_type_id": picking_type.id,
            "partner_id": manufacturer.id,
            "location_id": location.id,
            "location_dest_id": destination.id,
            "origin": ", ".join(self.claim_id.mapped("name")),
            "company_id": company.id,
            "move_ids": [
                fields.Command.create({
                    "product_id": part.product_id.id,
                    "product_uom": part.product_id.uom_id.id,
                    "product_uom_qty": part.quantity,
                    "location_id": location.id,
                    "location_dest_id": destination.id,
                    "company_id": company.id,
                    "reference": part.tag or part.name,
                })
                for part in self
            ],
        })
        picking.action_confirm()
        picking.action_assign()
        self.write({"return_picking_id": picking.id})
        return picking

    @business_step
    def _release(self):
        """The manufacturer does not want them back: scrap them out of the retained-parts location."""
        self._check_retained()
        # sudo: the scrap is the store's stock operation; the warranty clerk holds no stock rights.
        scraps = self.env["stock.scrap"].sudo().create([{
            "product_id": part.product_id.id,
            "product_uom_id": part.product_id.uom_id.id,
            "scrap_qty": part.quantity,
            "location_id": part.move_id.location_dest_id.id or part.company_id._aftersales_retained_location().id,
            "company_id": part.company_id.id,
            "origin": part.tag or part.name,
        } for part in self])
        for part, scrap in zip(self, scraps, strict=True):
            scrap.action_validate()
            part.write({"scrap_id": scrap.id, "state": "scrapped"})
        return scraps

    @business_step
    def _mark_returned(self):
        self.filtered(lambda part: part.state == "retained").write({"state": "returned"})
