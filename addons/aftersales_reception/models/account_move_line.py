from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # The vehicle is account_fleet's vehicle_id; the order lets accountants report revenue
    # by work order and payer with the standard analysis views.
    aftersales_repair_id = fields.Many2one("repair.order", string="Work Order", index="btree_not_null",
                                           copy=False, readonly=True)
    aftersales_job_id = fields.Many2one("aftersales.job", string="Job", index="btree_not_null", copy=False,
                                        readonly=True)
    aftersales_payer = fields.Selection(related="move_id.aftersales_payer", store=True)
