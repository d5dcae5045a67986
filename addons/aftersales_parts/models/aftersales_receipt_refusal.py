from odoo import api, fields, models
from odoo.exceptions import UserError


class AftersalesReceiptRefusal(models.Model):
    """Goods refused at receiving, with the reason, and the return that took them back to the vendor."""

    _name = "aftersales.receipt.refusal"
    _description = "Refused Receipt Quantity"
    _inherit = ["aftersales.step.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    # The evidence of the receiving step: recorded by the receipt check only, never edited afterwards.
    _aftersales_step_record = True

    picking_id = fields.Many2one("stock.picking", string="Receipt", required=True, ondelete="cascade", index=True,
                                 check_company=True)
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="picking_id.partner_id", string="Vendor", store=True)
    move_id = fields.Many2one("stock.move", string="Receipt Line", required=True, ondelete="cascade",
                              check_company=True)
    purchase_line_id = fields.Many2one(related="move_id.purchase_line_id", store=True, index="btree_not_null")
    purchase_id = fields.Many2one(related="purchase_line_id.order_id", string="Purchase Order", store=True)
    product_id = fields.Many2one(related="move_id.product_id", string="Part", store=True)
    uom_id = fields.Many2one(related="move_id.product_uom", string="Unit")
    quantity = fields.Float(string="Refused Quantity", digits="Product Unit", required=True)
    reason_id = fields.Many2one("aftersales.refusal.reason", required=True, ondelete="restrict")
    kind = fields.Selection(related="reason_id.kind", store=True)
    note = fields.Char(string="Details")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Checked by", default=lambda self: self.env.user)
    return_picking_id = fields.Many2one("stock.picking", string="Return", readonly=True, check_company=True,
                                        index="btree_not_null")
    return_state = fields.Selection(related="return_picking_id.state", string="Return Status")

    _quantity_positive = models.Constraint("CHECK(quantity > 0)", "A refused quantity must be positive.")

    @api.depends("picking_id.name", "product_id")
    def _compute_display_name(self):
        for refusal in self:
            refusal.display_name = f"{refusal.picking_id.name} – {refusal.product_id.display_name}"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_returned(self):
        if self.filtered("return_picking_id"):
            raise UserError(self.env._("A refusal returned to the vendor cannot be deleted."))

    @api.model
    def _quality_return_type(self, warehouse):
        """The warehouse's picking type for returns to vendors (退货), created on first use.

        Quality returns get their own type and numbering, apart from ordinary deliveries.
        """
        # sudo: picking types are the inventory administrator's; the return type is created on first use.
        PickingType = self.env["stock.picking.type"].sudo()
        return_type = PickingType.search([
            ("warehouse_id", "=", warehouse.id), ("aftersales_quality_return", "=", True),
        ], limit=1)
        if not return_type:
            return_type = PickingType.create({
                "name": self.env._("Quality Returns"),
                "code": "outgoing",
                "sequence_code": "QR",
                "warehouse_id": warehouse.id,
                "company_id": warehouse.company_id.id,
                "default_location_src_id": warehouse.lot_stock_id.id,
                "default_location_dest_id": self.env.ref("stock.stock_location_suppliers").id,
                "aftersales_quality_return": True,
            })
        return return_type
