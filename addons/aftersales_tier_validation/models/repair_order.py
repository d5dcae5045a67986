from odoo import api, fields, models

from odoo.addons.aftersales_reception.models.aftersales_job import PRICES_GROUP

# What may still change on a work order waiting for its approval: the customer's five confirmations and the
# visit's practicalities, not the jobs, prices or payers the approval covers.
UNDER_APPROVAL_WRITABLE_FIELDS = [
    "confirm_jobs", "confirm_estimate", "confirm_promised_time", "replaced_parts_disposal", "car_wash",
    "promised_date", "payment_method", "internal_notes", "user_id", "schedule_date", "activity_ids",
]


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.tier.validation"]

    # The work order waits for its approvals before the customer's approval confirms it.
    _state_from = ["draft"]
    _state_to = ["confirmed"]

    aftersales_max_discount = fields.Float(
        string="Largest Discount (%)", digits=(5, 2), compute="_compute_aftersales_approval_figures", store=True,
        help="The largest discount of a labour rate or a part price on the estimate, against the settings' labour "
             "rate of the job's payer and the part's price.",
    )
    aftersales_has_goodwill = fields.Boolean(
        string="Goodwill Work", compute="_compute_aftersales_approval_figures", store=True,
        help="A job of the estimate is paid by the dealer as goodwill (善意/免费).",
    )
    aftersales_estimate_amount = fields.Monetary(
        string="Estimate Amount", compute="_compute_aftersales_approval_figures", store=True,
        currency_field="company_currency_id", groups=PRICES_GROUP,
        help="What the estimate comes to, all payers: the amount the approval rules compare.",
    )

    @api.depends("is_aftersales", "job_ids.state", "job_ids.is_additional", "job_ids.payer", "job_ids.labour_rate",
                 "job_ids.amount_total", "move_ids.billing_price_unit", "move_ids.product_id", "move_ids.state",
                 "move_ids.repair_line_type", "move_ids.aftersales_job_id", "move_ids.sale_line_id",
                 "move_ids.aftersales_part_origin")
    def _compute_aftersales_approval_figures(self):
        # sudo: the rules compare prices whoever changes the order (the workshop floor reads no prices).
        for order in self.sudo():
            jobs = order._estimate_jobs() if order.is_aftersales else order.job_ids.browse()
            order.aftersales_has_goodwill = "goodwill" in jobs.mapped("payer")
            order.aftersales_estimate_amount = sum(jobs.mapped("amount_total"))
            order.aftersales_max_discount = max(order._aftersales_discounts(jobs), default=0.0)

    def _aftersales_discounts(self, jobs):
        """The discounts (%) of the jobs' labour rates and part prices below their settings' price."""
        self.ensure_one()
        company = self.company_id
        discounts = []
        for job in jobs:
            discounts.append(_discount(company._aftersales_labour_rate(job.payer), job.labour_rate))
        # Accessories fitted on their installation order are paid on their sale, and a part the customer brought
        # is not charged by design: neither is a discount.
        for move in jobs._billable_moves().filtered(
            lambda move: not move.sale_line_id and move.aftersales_part_origin != "customer_supplied"
        ):
            discounts.append(_discount(move._aftersales_price_for_payer(move.aftersales_payer or "customer"),
                                       move.billing_price_unit))
        return discounts

    def _aftersales_approval_figures(self):
        """The figures an approval covers, in a form that compares."""
        self.ensure_one()
        order = self.sudo()  # sudo: the figures are compared whoever runs the step
        return (f"discount={order.aftersales_max_discount:.2f};goodwill={int(order.aftersales_has_goodwill)};"
                f"amount={order.aftersales_estimate_amount:.2f}")

    @api.model
    def _get_under_validation_exceptions(self):
        return [*super()._get_under_validation_exceptions(), *UNDER_APPROVAL_WRITABLE_FIELDS]

    # ------------------------------------------------------------------
    # The steps that wait for the approval
    # ------------------------------------------------------------------

    def action_open_approval_wizard(self):
        self.filtered(lambda order: order.is_aftersales and order.state == "draft")._check_aftersales_approval()
        return super().action_open_approval_wizard()

    def _record_approval(self, *args, **kwargs):
        # The customer's first approval confirms the order: the dealership's approvals come first.
        self.filtered(lambda order: order.is_aftersales and order.state == "draft")._check_aftersales_approval()
        return super()._record_approval(*args, **kwargs)

    def _action_repair_confirm(self):
        self.filtered(lambda order: order.is_aftersales and order.state == "draft")._check_aftersales_approval()
        return super()._action_repair_confirm()


def _discount(standard, price):
    """The discount (%) of a price below its standard one."""
    if standard <= 0 or price >= standard:
        return 0.0
    return round((standard - price) / standard * 100.0, 2)
