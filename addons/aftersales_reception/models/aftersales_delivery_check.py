from odoo import fields, models


class AftersalesDeliveryCheck(models.Model):
    """A point of the advisor's final check (交车前终检) ticked before the car was handed back: the evidence."""

    _name = "aftersales.delivery.check"
    _inherit = ["aftersales.step.mixin"]
    _description = "Final Check at Delivery"
    _order = "repair_id, sequence, id"
    _check_company_auto = True
    _aftersales_step_record = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    item_id = fields.Many2one("aftersales.check.item", string="Check", required=True, ondelete="restrict")
    # The item's words when it was checked: the item may be renamed or archived later.
    name = fields.Char(string="Checked", required=True)
    sequence = fields.Integer(default=10)
    checked_by_id = fields.Many2one("res.users", string="Checked by", required=True)
    checked_at = fields.Datetime(string="Checked at", required=True)

    _item_once_per_order = models.UniqueIndex(
        "(repair_id, item_id)", "This point of the final check is already recorded for this work order.",
    )
