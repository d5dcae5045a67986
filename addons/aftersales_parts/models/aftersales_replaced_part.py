from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import clean_context

from odoo.addons.aftersales_reception.tools import business_step


class AftersalesReplacedPart(models.Model):
    """An old part taken off the car: kept for the customer, scrapped, or retained for a warranty claim."""

    _name = "aftersales.replaced.part"
    _description = "Replaced Part"
    _inherit = ["mail.thread", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.replaced.part"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default=lambda self: self.env._("New"))
    tag = fields.Char(help="What is written on the part's tag, e.g. the warranty claim number.", tracking=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True, precompute=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True)
    job_id = fields.Many2one("aftersales.job", check_company=True,
                             domain="[('repair_id', '=', repair_id)]")
    payer = fields.Selection(related="job_id.payer")
    product_id = fields.Many2one("product.product", string="Part", required=True, check_company=True)
    quantity = fields.Float(digits="Product Unit", required=True, default=1.0)
    disposition = fields.Selection(
        [("customer", "Kept for the Customer"), ("scrap", "Scrapped"), ("warranty", "Retained for Warranty")],
        required=True, default="customer", tracking=True,
    )
    state = fields.Selection(
        [("pending", "To Process"), ("handed_over", "Handed Over"), ("scrapped", "Scrapped"),
         ("retained", "Retained"), ("returned", "Returned to Manufacturer")],
        default="pending", required=True, readonly=True, copy=False, tracking=True, aftersales_step=True,
    )
    move_id = fields.Many2one("stock.move", string="Stock Move", readonly=True, copy=False, aftersales_step=True,
                              help="The move that put a retained part in the retained-parts location.")
    location_id = fields.Many2one(related="move_id.location_dest_id", string="Stored in")
    image = fields.Image(max_width=1024, max_height=1024, attachment=True)
    note = fields.Text()

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A quantity must be positive.")

    @api.constrains("disposition", "job_id")
    def _check_warranty_disposition(self):
        for part in self:
            if part.job_id.payer == "warranty" and part.disposition != "warranty":
                raise ValidationError(self.env._(
                    "%(part)s comes off a warranty job: it is retained for the manufacturer.",
                    part=part.product_id.display_name,
                ))

    def write(self, vals):
        if {"product_id", "quantity", "disposition", "repair_id"} & set(vals) and any(
            part.state != "pending" for part in self
        ):
            raise UserError(self.env._("A processed replaced part cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_processed(self):
        if any(part.state != "pending" for part in self):
            raise UserError(self.env._("A processed replaced part cannot be deleted."))

    @business_step
    def action_process(self):
        """Carry out the disposition: hand over, scrap, or move into the retained-parts location."""
        if any(part.state != "pending" for part in self):
            raise UserError(self.env._("Only parts still to process can be processed."))
        retained = self.filtered(lambda part: part.disposition == "warranty")
        retained._retain()
        self.filtered(lambda part: part.disposition == "customer").state = "handed_over"
        self.filtered(lambda part: part.disposition == "scrap").state = "scrapped"
        return True

    def _retain(self):
        if not self:
            return
        vals_list = []
        for part in self:
            location = part.company_id._aftersales_retained_location()
            vals_list.append({
                "product_id": part.product_id.id,
                "product_uom": part.product_id.uom_id.id,
                "product_uom_qty": part.quantity,
                "location_id": part.repair_id.location_dest_id.id,
                "location_dest_id": location.id,
                "origin": part.repair_id.name,
                "reference": part.name,
                "company_id": part.company_id.id,
            })
        # The list opened from a work order carries its defaults: the retain move is not a part line.
        moves = self.env["stock.move"].with_context(clean_context(self.env.context)).create(
            vals_list
        )._aftersales_done_at_once()
        for part, move in zip(self, moves, strict=True):
            part.write({"move_id": move.id, "state": "retained"})
