from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_accessories_report_email = fields.Char(
        string="Accessories Reports to",
        help="The group's address for the accessories daily, weekly and monthly reports (the service managers "
        "receive them too).",
    )
    aftersales_accessories_vendor_id = fields.Many2one(
        "res.partner", string="Accessories Group Supplier", check_company=True,
        help="Who the monthly accessories order goes to (the group's purchasing): proposed on the 1st, due "
        "before the 5th.",
    )
