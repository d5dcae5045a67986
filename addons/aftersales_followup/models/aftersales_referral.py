from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records


class AftersalesReferral(models.Model):
    """A customer who brought a new customer (转介绍), and the reward given for it."""

    _name = "aftersales.referral"
    _description = "Customer Referral"
    _inherit = ["mail.thread", "aftersales.step.mixin"]
    _order = "referral_date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    referrer_id = fields.Many2one("res.partner", string="Referred by", required=True, index=True, tracking=True,
                                  check_company=True)
    referred_id = fields.Many2one("res.partner", string="New Customer", required=True, index=True, tracking=True,
                                  check_company=True)
    referral_date = fields.Date(string="Referred on", required=True, default=fields.Date.context_today)
    vehicle_id = fields.Many2one("fleet.vehicle", string="New Customer's Vehicle", check_company=True,
                                 domain="[('customer_id', '=', referred_id)]")
    note = fields.Text()
    state = fields.Selection([("to_reward", "To Reward"), ("rewarded", "Rewarded")], default="to_reward",
                             required=True, tracking=True, copy=False, aftersales_step=True)
    reward = fields.Char(readonly=True, copy=False, tracking=True, aftersales_step=True,
                         help="What the customer was given, e.g. a free maintenance or a voucher.")
    reward_amount = fields.Monetary(string="Reward Value", readonly=True, copy=False, tracking=True,
                                    currency_field="currency_id", aftersales_step=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    rewarded_date = fields.Date(string="Rewarded on", readonly=True, copy=False, aftersales_step=True)
    rewarded_by_id = fields.Many2one("res.users", string="Rewarded by", readonly=True, copy=False,
                                     aftersales_step=True)

    _unique_referred = models.Constraint(
        "UNIQUE(company_id, referred_id)", "This customer has already been referred by someone."
    )

    @api.depends("referrer_id", "referred_id")
    def _compute_display_name(self):
        for referral in self:
            referral.display_name = f"{referral.referrer_id.name or ''} → {referral.referred_id.name or ''}"

    @api.constrains("referrer_id", "referred_id")
    def _check_not_self(self):
        for referral in self:
            if referral.referrer_id == referral.referred_id:
                raise ValidationError(self.env._("A customer cannot refer themselves."))

    @business_step
    def _record_reward(self, reward, amount):
        """The service manager's step: the reward given to the customer who referred."""
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager records a referral reward."))
        if not reward:
            raise UserError(self.env._("Describe the reward given."))
        if amount < 0:
            raise UserError(self.env._("The value of a reward cannot be negative."))
        # The same reward recorded twice at once by two sessions is given once.
        lock_records(self)
        for referral in self:
            if referral.state != "to_reward":
                raise UserError(self.env._("The referral %(referral)s has already been rewarded.",
                                           referral=referral.display_name))
        self.write({
            "state": "rewarded", "reward": reward, "reward_amount": amount,
            "rewarded_date": fields.Date.context_today(self), "rewarded_by_id": self.env.uid,
        })
        return True

    def action_open_reward_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reward the Referral"),
            "res_model": "aftersales.referral.reward.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_referral_ids": self.ids},
        }
