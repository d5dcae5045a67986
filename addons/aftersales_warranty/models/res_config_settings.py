from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_repair_guarantee_years = fields.Integer(
        related="company_id.aftersales_repair_guarantee_years", readonly=False
    )
    aftersales_repair_guarantee_km = fields.Integer(related="company_id.aftersales_repair_guarantee_km",
                                                    readonly=False)
    aftersales_sanbao_years = fields.Integer(related="company_id.aftersales_sanbao_years", readonly=False)
    aftersales_sanbao_km = fields.Integer(related="company_id.aftersales_sanbao_km", readonly=False)
    aftersales_sanbao_serious_repairs = fields.Integer(
        related="company_id.aftersales_sanbao_serious_repairs", readonly=False
    )
    aftersales_sanbao_days_limit = fields.Integer(related="company_id.aftersales_sanbao_days_limit",
                                                  readonly=False)
    aftersales_sanbao_days_warning = fields.Integer(related="company_id.aftersales_sanbao_days_warning",
                                                    readonly=False)
    aftersales_claim_deadline_days = fields.Integer(related="company_id.aftersales_claim_deadline_days",
                                                    readonly=False)
    aftersales_claim_reminder_days = fields.Integer(related="company_id.aftersales_claim_reminder_days",
                                                    readonly=False)
    aftersales_warranty_writeoff_account_id = fields.Many2one(
        related="company_id.aftersales_warranty_writeoff_account_id", readonly=False
    )
    aftersales_preauth_threshold = fields.Monetary(related="company_id.aftersales_preauth_threshold",
                                                   readonly=False)
