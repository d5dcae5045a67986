from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records

PREAUTH_STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("authorised", "Authorised"),
    ("refused", "Refused"),
]


class AftersalesWarrantyPreauth(models.Model):
    """The manufacturer's pre-authorisation (预授权) of doubtful or costly warranty jobs, asked before the repair."""

    _name = "aftersales.warranty.preauth"
    _description = "Warranty Pre-authorisation"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.warranty.preauth"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(PREAUTH_STATES, default="draft", required=True, tracking=True, index=True, copy=False,
                             aftersales_step=True)
    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, readonly=True, index=True,
                                check_company=True)
    job_ids = fields.Many2many("aftersales.job", "aftersales_warranty_preauth_job_rel", "preauth_id", "job_id",
                               string="Warranty Jobs", readonly=True, check_company=True, copy=False,
                               aftersales_step=True)
    vehicle_id = fields.Many2one(related="repair_id.vehicle_id", store=True, index=True)
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    license_plate = fields.Char(related="vehicle_id.license_plate")
    manufacturer_id = fields.Many2one("res.partner", required=True, check_company=True, tracking=True)
    mileage = fields.Float(digits=(16, 0))
    reason = fields.Text(string="Why It Is Asked",
                         help="The fault, the diagnosis and why the manufacturer's agreement is needed first.")
    amount_estimated = fields.Monetary(string="Estimated Amount", tracking=True)
    attachment_ids = fields.Many2many("ir.attachment", "aftersales_warranty_preauth_attachment_rel", "preauth_id",
                                      "attachment_id", string="Photos and Documents")
    # The manufacturer's answer, recorded by the warranty clerk's steps only.
    requested_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    requested_by_id = fields.Many2one("res.users", string="Requested by", copy=False, readonly=True,
                                      aftersales_step=True)
    decision_date = fields.Datetime(copy=False, readonly=True, aftersales_step=True)
    authorisation_number = fields.Char(copy=False, readonly=True, tracking=True, aftersales_step=True)
    amount_authorised = fields.Monetary(string="Authorised Amount", copy=False, readonly=True, tracking=True,
                                        aftersales_step=True)
    refusal_reason = fields.Text(copy=False, readonly=True, aftersales_step=True)

    _amount_positive = models.Constraint(
        "CHECK(amount_estimated >= 0 AND COALESCE(amount_authorised, 0) >= 0)",
        "Pre-authorisation amounts cannot be negative.",
    )

    # ------------------------------------------------------------------
    # Creation from the work order
    # ------------------------------------------------------------------

    @api.model
    @business_step
    def _create_for_jobs(self, jobs):
        """One request per work order for its warranty jobs that have no request under way or granted."""
        orders = jobs.repair_id
        lock_records(orders)  # two clerks asking at the same moment: the second is refused
        values = []
        for order in orders:
            order_jobs = jobs.filtered(lambda job, o=order: job.repair_id == o)
            if any(job.payer != "warranty" or job.state not in ("proposed", "approved") for job in order_jobs):
                raise UserError(self.env._(
                    "Only the warranty jobs not done yet of work order %(order)s need the manufacturer's "
                    "pre-authorisation.", order=order.name,
                ))
            asked = order_jobs.filtered(lambda job: job.preauth_state in ("pending", "authorised"))
            if asked:
                raise UserError(self.env._(
                    "The pre-authorisation of %(jobs)s is already asked or granted.",
                    jobs=", ".join(asked.mapped("name")),
                ))
            manufacturer = order._payer_partner("warranty")
            if not manufacturer:
                raise UserError(self.env._(
                    "Name the manufacturer of %(brand)s (or the default one in the settings) before asking it.",
                    brand=order.vehicle_id.brand_id.name or "-",
                ))
            values.append({
                "repair_id": order.id,
                "company_id": order.company_id.id,
                "job_ids": [Command.set(order_jobs.ids)],
                "manufacturer_id": manufacturer.id,
                "mileage": order._warranty_mileage(),
                "reason": "\n".join(
                    f"{job.name}: {job.cause}" if job.cause else job.name for job in order_jobs
                ),
                # sudo: the estimate of the jobs is read whoever asks (the amounts are the prices group's).
                "amount_estimated": sum(order_jobs.sudo().mapped("amount_total")),
            })
        return self.create(values)

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def write(self, vals):
        locked = {"repair_id", "manufacturer_id", "mileage", "reason", "amount_estimated"}
        if locked & set(vals) and any(preauth.state != "draft" for preauth in self):
            raise UserError(self.env._("A pre-authorisation sent to the manufacturer cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_requested(self):
        if any(preauth.state != "draft" for preauth in self):
            raise UserError(self.env._("A pre-authorisation sent to the manufacturer is kept in the claim archive."))

    # ------------------------------------------------------------------
    # Steps of the warranty clerk
    # ------------------------------------------------------------------

    @business_step
    def action_request(self):
        """The request goes to the manufacturer with its reason, estimate and photos."""
        lock_records(self)
        for preauth in self:
            if preauth.state != "draft":
                raise UserError(self.env._("Pre-authorisation %(name)s is already sent.", name=preauth.name))
            if not (preauth.reason or "").strip():
                raise UserError(self.env._("Say why pre-authorisation %(name)s is asked.", name=preauth.name))
            if preauth.currency_id.compare_amounts(preauth.amount_estimated, 0.0) <= 0:
                raise UserError(self.env._("Give the estimated amount of pre-authorisation %(name)s.",
                                           name=preauth.name))
        self.write({"state": "requested", "requested_date": fields.Datetime.now(),
                    "requested_by_id": self.env.user.id})
        return True

    @business_step
    def _record_authorisation(self, number, amount):
        """The manufacturer agrees: its authorisation number and the amount it will pay at most."""
        self.ensure_one()
        lock_records(self)  # the manufacturer's answer is recorded once
        self._check_waiting()
        if not (number or "").strip():
            raise UserError(self.env._("Give the manufacturer's authorisation number."))
        if self.currency_id.compare_amounts(amount or 0.0, 0.0) <= 0:
            raise UserError(self.env._("Give the amount the manufacturer authorised."))
        self.write({"state": "authorised", "decision_date": fields.Datetime.now(),
                    "authorisation_number": number.strip(), "amount_authorised": amount})
        self.repair_id.sudo().message_post(body=self.env._(  # sudo: told on the order; clerks do not write it
            "Warranty pre-authorisation %(name)s granted by the manufacturer: %(number)s.",
            name=self.name, number=self.authorisation_number,
        ))
        return True

    @business_step
    def _record_refusal(self, reason):
        """The manufacturer refuses: the jobs are not done on warranty unless a new request is granted."""
        self.ensure_one()
        lock_records(self)  # the manufacturer's answer is recorded once
        self._check_waiting()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the manufacturer's reason for refusing."))
        self.write({"state": "refused", "decision_date": fields.Datetime.now(), "refusal_reason": reason.strip()})
        self.repair_id.sudo().message_post(body=self.env._(  # sudo: told on the order; clerks do not write it
            "Warranty pre-authorisation %(name)s refused by the manufacturer: %(reason)s. Tell the customer, "
            "or change who pays the jobs.", name=self.name, reason=self.refusal_reason,
        ))
        return True

    def _check_waiting(self):
        self.ensure_one()
        if self.state != "requested":
            raise UserError(self.env._("Pre-authorisation %(name)s waits for no answer from the manufacturer.",
                                       name=self.name))

    def action_open_decision_wizard(self):
        self.ensure_one()
        self._check_waiting()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Manufacturer's Answer"),
            "res_model": "aftersales.preauth.decision.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_preauth_id": self.id},
        }

    def _open_form(self):
        action = {"type": "ir.actions.act_window", "res_model": self._name, "name": self.env._("Pre-authorisations")}
        if len(self) == 1:
            return {**action, "res_id": self.id, "view_mode": "form"}
        return {**action, "view_mode": "list,form", "domain": [("id", "in", self.ids)]}

    def action_print(self):
        return self.env.ref("aftersales_warranty.action_report_warranty_preauth").report_action(self)
