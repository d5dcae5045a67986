from odoo import api, fields, models


class AftersalesJob(models.Model):
    _name = "aftersales.job"
    # Additional work (追加项目) waits for its approvals before the customer's decision is recorded: the approver's
    # to-do is an activity on the job, and the requests and decisions are in its chatter.
    _inherit = ["aftersales.job", "mail.thread", "mail.activity.mixin", "aftersales.tier.validation"]

    _state_from = ["proposed"]
    _state_to = ["approved"]
    # A declined job drops its reviews: nothing is left to approve.
    _cancel_state = "declined"

    aftersales_max_discount = fields.Float(
        string="Largest Discount (%)", digits=(5, 2), compute="_compute_aftersales_max_discount", store=True,
        help="The largest discount of the job's labour rate or of a part's price, against the settings' labour rate "
             "of its payer and the part's price.",
    )

    @api.depends("payer", "labour_rate", "move_ids.billing_price_unit", "move_ids.product_id", "move_ids.state",
                 "move_ids.repair_line_type", "move_ids.aftersales_part_origin")
    def _compute_aftersales_max_discount(self):
        for job in self.sudo():  # sudo: prices compared whoever changes the job (a technician reads no prices)
            job.aftersales_max_discount = max(job.repair_id._aftersales_discounts(job), default=0.0)

    @api.model_create_multi
    def create(self, vals_list):
        # A job's creation is the work order's history, not a message on each line.
        return super(AftersalesJob, self.with_context(mail_create_nolog=True)).create(vals_list)

    def _aftersales_approval_figures(self):
        self.ensure_one()
        job = self.sudo()  # sudo: the figures are compared whoever runs the step
        return (f"payer={job.payer};discount={job.aftersales_max_discount:.2f};"
                f"amount={job.amount_total:.2f}")

    def _record_decision(self, approved, channel, *args, **kwargs):
        # The customer is asked once the dealership has approved the additional work.
        if approved:
            self.filtered(lambda job: job.is_additional and job.state == "proposed")._check_aftersales_approval()
        return super()._record_decision(approved, channel, *args, **kwargs)
