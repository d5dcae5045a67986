from odoo import fields, models


class AftersalesReferralRewardWizard(models.TransientModel):
    """The reward given for a referral, recorded by the service manager."""

    _name = "aftersales.referral.reward.wizard"
    _description = "Reward the Referral"

    referral_ids = fields.Many2many("aftersales.referral", string="Referrals", required=True)
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    reward = fields.Char(required=True, help="What the customer is given, e.g. a free maintenance or a voucher.")
    reward_amount = fields.Monetary(string="Reward Value", currency_field="currency_id")

    def action_confirm(self):
        self.ensure_one()
        self.referral_ids._record_reward(self.reward, self.reward_amount)
        return {"type": "ir.actions.act_window_close"}
