from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AftersalesCampaignCost(models.Model):
    """What a campaign costs: letters, messages, gifts, free checks…"""

    _name = "aftersales.campaign.cost"
    _description = "Campaign Cost"
    _order = "campaign_id, id"
    _check_company_auto = True

    campaign_id = fields.Many2one("aftersales.campaign", required=True, index=True, ondelete="cascade",
                                  check_company=True)
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="campaign_id.currency_id")
    name = fields.Char(string="Cost", required=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount <= 0:
                raise ValidationError(self.env._("The cost %(cost)s must be a positive amount.", cost=cost.name))
