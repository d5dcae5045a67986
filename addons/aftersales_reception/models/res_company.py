from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Reception slots: the handbook's 15 minutes, and one free slot after every three booked.
    aftersales_slot_minutes = fields.Integer(string="Reception Slot (minutes)", default=15)
    aftersales_slots_before_buffer = fields.Integer(string="Booked Slots Before a Free One", default=3)
    aftersales_booking_days = fields.Integer(string="Days of Free Slots Shown", default=5)
    aftersales_estimate_tolerance = fields.Float(string="Estimate Tolerance (%)", default=10.0)
    aftersales_labour_product_id = fields.Many2one(
        "product.product", string="Labour Product", domain=[("type", "=", "service")],
        help="Service product used on invoices for labour.",
    )
    aftersales_labour_rate_customer = fields.Monetary(string="Retail Labour Rate", default=300.0,
                                                      currency_field="currency_id")
    aftersales_labour_rate_warranty = fields.Monetary(string="Warranty Labour Rate", default=200.0,
                                                      currency_field="currency_id")
    aftersales_labour_rate_insurance = fields.Monetary(string="Insurance Labour Rate", default=300.0,
                                                       currency_field="currency_id")
    aftersales_labour_rate_internal = fields.Monetary(string="Internal Labour Rate", default=150.0,
                                                      currency_field="currency_id")
    aftersales_warranty_partner_id = fields.Many2one(
        "res.partner", string="Default Manufacturer",
        help="Billed for warranty jobs when the vehicle's brand names no manufacturer.",
    )
    aftersales_internal_account_id = fields.Many2one(
        "account.account", string="Internal Repairs Expense Account",
        help="Cost of internal jobs (new-car preparation, used-car reconditioning).",
    )
    aftersales_goodwill_account_id = fields.Many2one(
        "account.account", string="Goodwill Expense Account", help="Cost of goodwill (free) jobs.",
    )
    aftersales_next_service_months = fields.Integer(string="Next Service after (months)", default=6)
    aftersales_next_service_km = fields.Integer(string="Next Service after (km)", default=5000)
    # Plausibility limits of what is typed (the handbook's figures): beyond them it is a typing error.
    aftersales_max_mileage = fields.Integer(string="Highest Mileage Reading (km)", default=2_000_000)
    aftersales_max_job_hours = fields.Float(string="Most Labour Hours per Job", default=200.0)
    aftersales_max_part_qty = fields.Float(string="Largest Part Quantity per Line", default=1000.0)

    @api.constrains(
        "aftersales_slot_minutes", "aftersales_slots_before_buffer", "aftersales_estimate_tolerance",
        "aftersales_booking_days",
    )
    def _check_aftersales_settings(self):
        for company in self:
            if not 5 <= company.aftersales_slot_minutes <= 120:
                raise ValidationError(self.env._("A reception slot lasts between 5 and 120 minutes."))
            if company.aftersales_slots_before_buffer < 1:
                raise ValidationError(self.env._("At least one slot must be bookable before a free one."))
            if not 0 <= company.aftersales_estimate_tolerance <= 100:
                raise ValidationError(self.env._("The estimate tolerance is a percentage between 0 and 100."))
            if not 1 <= company.aftersales_booking_days <= 31:
                raise ValidationError(self.env._("Show between 1 and 31 days of free slots."))

    @api.constrains("aftersales_max_mileage", "aftersales_max_job_hours", "aftersales_max_part_qty")
    def _check_aftersales_input_limits(self):
        for company in self:
            if min(company.aftersales_max_mileage, company.aftersales_max_job_hours,
                   company.aftersales_max_part_qty) <= 0:
                raise ValidationError(self.env._(
                    "The highest mileage, the most labour hours per job and the largest part quantity per "
                    "line must be above zero."
                ))

    def _aftersales_labour_rate(self, payer):
        """Default hourly labour rate of a payer; goodwill is valued at the retail rate."""
        self.ensure_one()
        return {
            "customer": self.aftersales_labour_rate_customer,
            "warranty": self.aftersales_labour_rate_warranty,
            "insurance": self.aftersales_labour_rate_insurance,
            "internal": self.aftersales_labour_rate_internal,
            "goodwill": self.aftersales_labour_rate_customer,
        }.get(payer, self.aftersales_labour_rate_customer)
