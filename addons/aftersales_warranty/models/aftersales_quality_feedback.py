from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records


class AftersalesQualityFeedback(models.Model):
    """The quality-feedback report (质量信息反馈单) to the manufacturer: one claim or one failure pattern."""

    _name = "aftersales.quality.feedback"
    _description = "Quality Feedback Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.step.mixin", "aftersales.sequence.mixin"]
    _aftersales_sequence_code = "aftersales.quality.feedback"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    state = fields.Selection([("draft", "Draft"), ("sent", "Sent")], default="draft", required=True, tracking=True,
                             index=True, copy=False, aftersales_step=True)
    title = fields.Char(string="Subject", required=True, help="The failure in a few words.")
    manufacturer_id = fields.Many2one("res.partner", required=True, check_company=True, tracking=True)
    claim_ids = fields.Many2many("aftersales.warranty.claim", "aftersales_quality_feedback_claim_rel",
                                 "feedback_id", "claim_id", string="Warranty Claims", check_company=True,
                                 help="The claims of the same failure: one claim, or every car of a pattern.")
    vehicle_id = fields.Many2one("fleet.vehicle", check_company=True, index="btree_not_null")
    vin_sn = fields.Char(related="vehicle_id.vin_sn", string="VIN")
    license_plate = fields.Char(related="vehicle_id.license_plate")
    model_id = fields.Many2one(related="vehicle_id.model_id")
    mileage = fields.Float(digits=(16, 0))
    fault_date = fields.Date(string="Failure Date")
    fault_category_id = fields.Many2one("aftersales.fault.category")
    fault_code = fields.Char()
    part_ids = fields.Many2many("product.product", "aftersales_quality_feedback_product_rel", "feedback_id",
                                "product_id", string="Parts Involved")
    description = fields.Text(string="Fault Description", help="What the customer and the workshop saw.")
    cause = fields.Text(string="Cause Analysis")
    correction = fields.Text(string="Repair Done")
    suggestion = fields.Text(string="Suggestion to the Manufacturer")
    occurrence_count = fields.Integer(string="Vehicles Affected", compute="_compute_occurrence_count")
    attachment_ids = fields.Many2many("ir.attachment", "aftersales_quality_feedback_attachment_rel", "feedback_id",
                                      "attachment_id", string="Photos and Documents")
    sent_date = fields.Date(copy=False, readonly=True, tracking=True, aftersales_step=True)
    sent_by_id = fields.Many2one("res.users", string="Sent by", copy=False, readonly=True, aftersales_step=True)

    @api.depends("claim_ids.vehicle_id", "vehicle_id")
    def _compute_occurrence_count(self):
        for feedback in self:
            feedback.occurrence_count = len(feedback.claim_ids.vehicle_id | feedback.vehicle_id)

    # ------------------------------------------------------------------
    # Creation from claims
    # ------------------------------------------------------------------

    @api.model
    def _prepare_from_claims(self, claims):
        """One report for the claims of one failure: the first claim's car, fault and story; every part."""
        if len(claims.manufacturer_id) > 1 or len(claims.company_id) > 1:
            raise UserError(self.env._("One quality feedback report goes to one manufacturer: choose the claims "
                                       "of one manufacturer."))
        first = claims.sorted("id")[0]
        parts = claims.causal_part_id | claims.line_ids.filtered(lambda line: line.line_type == "part").product_id
        return {
            "company_id": first.company_id.id,
            "manufacturer_id": first.manufacturer_id.id,
            "claim_ids": [Command.set(claims.ids)],
            "title": first.fault_category_id.name or (first.complaint or first.name).splitlines()[0],
            "vehicle_id": first.vehicle_id.id,
            "mileage": first.mileage,
            "fault_date": first.repair_start and first.repair_start.date(),
            "fault_category_id": first.fault_category_id.id,
            "fault_code": first.fault_code,
            "part_ids": [Command.set(parts.ids)],
            "description": first.complaint,
            "cause": first.cause,
            "correction": first.correction,
            "attachment_ids": [Command.set(claims.attachment_ids.ids)],
        }

    # ------------------------------------------------------------------
    # Guards
    # ------------------------------------------------------------------

    def write(self, vals):
        content = set(vals) - self._aftersales_step_field_names() - {"message_main_attachment_id"}
        if content and any(feedback.state == "sent" for feedback in self):
            raise UserError(self.env._("A quality feedback report sent to the manufacturer cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(feedback.state == "sent" for feedback in self):
            raise UserError(self.env._("A quality feedback report sent to the manufacturer is kept."))

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------

    @business_step
    def action_mark_sent(self):
        """The report left for the manufacturer (its portal, mail or fax): the date and who sent it."""
        lock_records(self)  # sent once, even by two clerks at the same moment
        for feedback in self:
            if feedback.state != "draft":
                raise UserError(self.env._("Quality feedback report %(name)s is already sent.", name=feedback.name))
            required = (
                (self.env._("the vehicle"), feedback.vehicle_id),
                (self.env._("the fault description"), feedback.description and feedback.description.strip()),
                (self.env._("the cause"), feedback.cause and feedback.cause.strip()),
            )
            missing = [label for label, value in required if not value]
            if missing:
                raise UserError(self.env._(
                    "Quality feedback report %(name)s needs %(missing)s before it is sent.",
                    name=feedback.name, missing=", ".join(missing),
                ))
        self.write({"state": "sent", "sent_date": fields.Date.context_today(self), "sent_by_id": self.env.user.id})
        return True

    def action_print(self):
        return self.env.ref("aftersales_warranty.action_report_quality_feedback").report_action(self)
