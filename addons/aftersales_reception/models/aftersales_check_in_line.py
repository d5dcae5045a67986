from odoo import fields, models


class AftersalesCheckInLine(models.Model):
    _name = "aftersales.check.in.line"
    _description = "Walk-around Check Result"
    _rec_name = "item_id"
    _order = "check_in_id, sequence, id"

    check_in_id = fields.Many2one("aftersales.check.in", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="check_in_id.company_id", store=True, index=True)
    item_id = fields.Many2one("aftersales.check.item", required=True, ondelete="restrict")
    area = fields.Selection(related="item_id.area")
    sequence = fields.Integer(related="item_id.sequence", store=True)
    result = fields.Selection(
        [("ok", "OK"), ("damaged", "Damaged"), ("missing", "Missing"), ("not_applicable", "N/A")],
        required=True, default="ok",
    )
    note = fields.Char()
