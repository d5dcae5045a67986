from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    aftersales_mileage_window_days = fields.Integer(
        string="Mileage Estimate Window (days)",
        config_parameter="aftersales_reception.mileage_window_days",
        default=365,
        help="Period of mileage history used to estimate a vehicle's daily mileage.",
    )
    aftersales_share_customers = fields.Boolean(related="company_id.aftersales_share_customers", readonly=False)
    aftersales_slot_minutes = fields.Integer(related="company_id.aftersales_slot_minutes", readonly=False)
    aftersales_slots_before_buffer = fields.Integer(
        related="company_id.aftersales_slots_before_buffer", readonly=False
    )
    aftersales_booking_days = fields.Integer(related="company_id.aftersales_booking_days", readonly=False)
    aftersales_deposit_min_price = fields.Monetary(
        related="company_id.aftersales_deposit_min_price", readonly=False,
    )
    aftersales_deposit_percent = fields.Float(related="company_id.aftersales_deposit_percent", readonly=False)
    aftersales_estimate_tolerance = fields.Float(
        related="company_id.aftersales_estimate_tolerance", readonly=False
    )
    aftersales_labour_product_id = fields.Many2one(
        related="company_id.aftersales_labour_product_id", readonly=False
    )
    aftersales_invoice_labour = fields.Selection(related="company_id.aftersales_invoice_labour", readonly=False)
    aftersales_labour_rate_customer = fields.Monetary(
        related="company_id.aftersales_labour_rate_customer", readonly=False
    )
    aftersales_labour_rate_warranty = fields.Monetary(
        related="company_id.aftersales_labour_rate_warranty", readonly=False
    )
    aftersales_labour_rate_insurance = fields.Monetary(
        related="company_id.aftersales_labour_rate_insurance", readonly=False
    )
    aftersales_labour_rate_internal = fields.Monetary(
        related="company_id.aftersales_labour_rate_internal", readonly=False
    )
    aftersales_warranty_partner_id = fields.Many2one(
        related="company_id.aftersales_warranty_partner_id", readonly=False
    )
    aftersales_internal_account_id = fields.Many2one(
        related="company_id.aftersales_internal_account_id", readonly=False
    )
    aftersales_goodwill_account_id = fields.Many2one(
        related="company_id.aftersales_goodwill_account_id", readonly=False
    )
    aftersales_journal_cash_id = fields.Many2one(related="company_id.aftersales_journal_cash_id", readonly=False)
    aftersales_journal_wechat_id = fields.Many2one(
        related="company_id.aftersales_journal_wechat_id", readonly=False
    )
    aftersales_journal_alipay_id = fields.Many2one(
        related="company_id.aftersales_journal_alipay_id", readonly=False
    )
    aftersales_journal_card_id = fields.Many2one(related="company_id.aftersales_journal_card_id", readonly=False)
    aftersales_journal_transfer_id = fields.Many2one(
        related="company_id.aftersales_journal_transfer_id", readonly=False
    )
    aftersales_next_service_months = fields.Integer(
        related="company_id.aftersales_next_service_months", readonly=False
    )
    aftersales_next_service_km = fields.Integer(related="company_id.aftersales_next_service_km", readonly=False)
    aftersales_diagnosis_fee = fields.Float(related="company_id.aftersales_diagnosis_fee", readonly=False)
    aftersales_guarantee_days = fields.Integer(related="company_id.aftersales_guarantee_days", readonly=False)
    aftersales_guarantee_km = fields.Integer(related="company_id.aftersales_guarantee_km", readonly=False)
    aftersales_max_mileage = fields.Integer(related="company_id.aftersales_max_mileage", readonly=False)
    aftersales_max_job_hours = fields.Float(related="company_id.aftersales_max_job_hours", readonly=False)
    aftersales_max_part_qty = fields.Float(related="company_id.aftersales_max_part_qty", readonly=False)
    aftersales_ready_notice_small_hours = fields.Float(
        related="company_id.aftersales_ready_notice_small_hours", readonly=False
    )
    aftersales_ready_notice_large_hours = fields.Float(
        related="company_id.aftersales_ready_notice_large_hours", readonly=False
    )
    aftersales_large_job_days = fields.Float(related="company_id.aftersales_large_job_days", readonly=False)
    aftersales_delay_notice_same_day_minutes = fields.Integer(
        related="company_id.aftersales_delay_notice_same_day_minutes", readonly=False
    )
    aftersales_delay_notice_other_days = fields.Float(
        related="company_id.aftersales_delay_notice_other_days", readonly=False
    )

    def action_aftersales_create_payment_journals(self):
        """Give WeChat Pay, Alipay, POS card and cash payments journals of their own (see the company's method)."""
        self.ensure_one()
        self.company_id._aftersales_create_payment_journals()
        return {"type": "ir.actions.client", "tag": "reload"}
