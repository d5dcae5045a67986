from odoo import fields, models

from .aftersales_job import PAYERS


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "aftersales.step.mixin"]

    aftersales_repair_id = fields.Many2one(
        "repair.order", string="Work Order", index="btree_not_null", copy=False, readonly=True, aftersales_step=True,
        help="The after-sales work order this invoice or cost entry settles.",
    )
    aftersales_payer = fields.Selection(PAYERS, string="Payer", copy=False, readonly=True, aftersales_step=True)
