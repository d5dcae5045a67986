from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Statutory periods of the passenger-car 三包 rules (GB/T, 2021): the defaults of new policies.
    aftersales_repair_guarantee_years = fields.Integer(string="Repair Guarantee Period (years)", default=3)
    aftersales_repair_guarantee_km = fields.Integer(string="Repair Guarantee Period (km)", default=60000)
    aftersales_sanbao_years = fields.Integer(string="三包 Validity Period (years)", default=2)
    aftersales_sanbao_km = fields.Integer(string="三包 Validity Period (km)", default=50000)
    # Thresholds that entitle the customer to a replacement or a refund, and when to warn.
    aftersales_sanbao_serious_repairs = fields.Integer(
        string="Repairs of a Serious Fault", default=2,
        help="Repairs of the same serious fault within the 三包 period after which a new failure entitles "
        "the customer to a replacement or a refund: the vehicle is flagged once it reaches this number.",
    )
    aftersales_sanbao_days_limit = fields.Integer(
        string="Days off the Road Limit", default=35,
        help="Cumulative repair days within the 三包 period beyond which the customer may ask for a "
        "replacement or a refund.",
    )
    aftersales_sanbao_days_warning = fields.Integer(string="Warn at (days off the road)", default=30)
    aftersales_claim_deadline_days = fields.Integer(
        string="Claim Submission Deadline (days)", default=30,
        help="Days after the repair within which the manufacturer accepts a claim, unless the brand says otherwise.",
    )
    aftersales_claim_reminder_days = fields.Integer(string="Remind Before the Deadline (days)", default=5)
    aftersales_warranty_writeoff_account_id = fields.Many2one(
        "account.account", string="Claim Write-off Account",
        help="Expense account of the amounts the manufacturer does not reimburse.",
    )
    aftersales_preauth_threshold = fields.Monetary(
        string="Pre-authorisation Above", currency_field="currency_id",
        help="A warranty job above this amount waits for the manufacturer's pre-authorisation before work "
        "starts (0: only the jobs flagged doubtful).",
    )

    @api.constrains(
        "aftersales_sanbao_serious_repairs", "aftersales_sanbao_days_limit", "aftersales_sanbao_days_warning",
        "aftersales_claim_deadline_days", "aftersales_claim_reminder_days", "aftersales_preauth_threshold",
    )
    def _check_aftersales_warranty_settings(self):
        for company in self:
            if company.aftersales_sanbao_serious_repairs < 1 or company.aftersales_sanbao_days_limit < 1:
                raise ValidationError(self.env._("The 三包 thresholds must be at least 1."))
            if not 0 < company.aftersales_sanbao_days_warning <= company.aftersales_sanbao_days_limit:
                raise ValidationError(self.env._(
                    "Warn about days off the road before the limit of %(limit)s days is reached.",
                    limit=company.aftersales_sanbao_days_limit,
                ))
            if company.aftersales_preauth_threshold < 0:
                raise ValidationError(self.env._("The pre-authorisation amount cannot be negative."))
            if company.aftersales_claim_deadline_days < 1 or company.aftersales_claim_reminder_days < 0:
                raise ValidationError(self.env._("The claim deadline is at least one day after the repair."))
