from collections import defaultdict

from odoo import api, fields, models
from odoo.api import NewId
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

# The after-sales documents a service manager puts approval rules on.
AFTERSALES_VALIDATED_MODELS = ("repair.order", "aftersales.job", "sale.order", "aftersales.replenishment")
REVIEW_ACTIVITY_TYPE = "aftersales_tier_validation.mail_activity_type_tier_review"


class AftersalesTierValidation(models.AbstractModel):
    """The approval rules (审批规则) of an after-sales document, on the OCA's tier validation.

    A business step of the document calls ``_check_aftersales_approval`` before it changes the state: while a
    rule applies and its approval is not given, the step is refused in the user's words. The user requests the
    approval, each approver gets an activity and approves or refuses with a reason, in the chatter.
    """

    _name = "aftersales.tier.validation"
    _inherit = ["tier.validation"]
    _description = "After-sales Approval Rules"

    # The forms place the request and approval buttons themselves (translated, on the after-sales layout).
    _tier_validation_manual_config = True

    aftersales_approval_basis = fields.Char(
        string="Approved Figures", copy=False, readonly=True,
        help="The figures the approval was requested for: once they change, a new approval is needed.",
    )
    approval_summary = fields.Char(
        string="Waiting for", compute="_compute_approval_summary",
        help="The approvals still waited for, and who gives them.",
    )
    approval_refusal = fields.Char(
        string="Refusal", compute="_compute_approval_summary", help="Who refused, and why.",
    )

    @api.depends("review_ids.status", "review_ids.comment", "review_ids.done_by")
    def _compute_approval_summary(self):
        for record in self:
            reviews = record.review_ids.sudo()  # sudo: the banner names the approvers whoever reads the document
            record.approval_summary = "; ".join(
                f"{review.name} – {review._aftersales_approver_label()}"
                for review in reviews.filtered(lambda r: r.status in ("waiting", "pending"))
            )
            record.approval_refusal = "; ".join(
                f"{review.name} – {review.done_by.name}: {review.comment or ''}"
                for review in reviews.filtered(lambda r: r.status == "rejected")
            )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------

    def _compute_need_validation(self):
        # The rules are read once per company, not once per record (the approval of an order's 20 jobs: one query).
        saved = self.filtered(lambda record: not isinstance(record.id, NewId))
        (self - saved).need_validation = False
        by_companies = defaultdict(list)
        for record in saved:
            by_companies[tuple(record._get_company().ids)].append(record.id)
        for company_ids, record_ids in by_companies.items():
            tiers = self.env["tier.definition"].with_context(active_test=True).search(
                Domain("model", "=", self._name) & Domain("company_id", "in", [False, *company_ids])
            )
            for record in self.browse(record_ids):
                record.need_validation = (
                    not record.review_ids and any(record.evaluate_tier(tier) for tier in tiers)
                    and record._check_state_from_condition()
                )

    def evaluate_tier(self, tier):
        # sudo: a rule reads amounts and discounts whoever runs the step (the workshop floor reads no prices).
        return super(AftersalesTierValidation, self.sudo()).evaluate_tier(tier).with_env(self.env)

    def _aftersales_approval_figures(self):
        """The figures an approval covers (amounts, discounts...), in a form that compares; each model says its."""
        return ""

    def _aftersales_applicable_tiers(self):
        """The active rules of the record's company that apply to it now."""
        self.ensure_one()
        tiers = self.env["tier.definition"].search([
            ("model", "=", self._name), ("company_id", "in", [False, *self._get_company().ids]),
        ])
        return tiers.filtered(lambda tier: self.evaluate_tier(tier))

    def _check_aftersales_approval(self):
        """Refuse the step while an approval rule applies and its approval is not given."""
        self.invalidate_recordset(["need_validation"])
        for record in self:
            status = record.validation_status
            if status == "validated":
                if (record.aftersales_approval_basis or "") != record._aftersales_approval_figures():
                    raise UserError(self.env._(
                        "%(document)s changed since it was approved: restart the approval and request it again.",
                        document=record.display_name,
                    ))
                continue
            if status in ("waiting", "pending"):
                raise UserError(self.env._(
                    "%(document)s waits for approval: %(waiting)s. The step goes on once it is approved.",
                    document=record.display_name, waiting=record.approval_summary,
                ))
            if status == "rejected":
                raise UserError(self.env._(
                    "%(document)s was refused: %(refusal)s. Change it and restart the approval.",
                    document=record.display_name, refusal=record.approval_refusal,
                ))
            if record.need_validation:
                rules = record._aftersales_applicable_tiers()
                raise UserError(self.env._(
                    "%(document)s needs approval first: %(rules)s. Click \"Request Approval\".",
                    document=record.display_name,
                    rules="; ".join(f"{tier.name} ({tier._aftersales_approver_label()})" for tier in rules),
                ))

    # ------------------------------------------------------------------
    # Request, approve, refuse
    # ------------------------------------------------------------------

    def action_request_aftersales_approval(self):
        """The user asks for the approvals the rules require."""
        self.invalidate_recordset(["need_validation"])
        if not all(self.mapped("need_validation")):
            raise UserError(self.env._("No approval rule applies here now, or the approval is already requested."))
        self.request_validation()
        return True

    def request_validation(self):
        for record in self.filtered(lambda rec: rec._check_state_from_condition() and rec.need_validation):
            record.aftersales_approval_basis = record._aftersales_approval_figures()
        reviews = super().request_validation()
        self.invalidate_recordset(["review_ids"])
        for record in self.browse(set(reviews.mapped("res_id"))):
            record._aftersales_post(record._notify_created_review_body(),
                                    "base_tier_validation.mt_tier_validation_requested")
        self._aftersales_sync_review_activities()
        return reviews

    def _tier_validation_check_write_allowed(self, vals):
        # Only a document with reviews can be under or after validation: the others skip the per-record checks.
        return super(AftersalesTierValidation, self.filtered("review_ids"))._tier_validation_check_write_allowed(vals)

    def _tier_validation_check_write_remove_reviews(self, vals):
        # A document cancelled or declined drops its reviews: the approvers' to-dos go with them.
        reviewed = self.filtered("review_ids")
        res = super()._tier_validation_check_write_remove_reviews(vals)
        reviewed.invalidate_recordset(["review_ids"])
        reviewed.filtered(lambda record: not record.review_ids)._aftersales_sync_review_activities()
        return res

    def _aftersales_check_can_review(self):
        self.ensure_one()
        if not self.can_review:
            raise AccessError(self.env._(
                "You cannot approve or refuse %(document)s: it waits for %(waiting)s.",
                document=self.display_name, waiting=self.approval_summary or self.env._("nobody"),
            ))

    def validate_tier(self):
        self._aftersales_check_can_review()
        return super().validate_tier()

    def reject_tier(self):
        """Refusing always takes a reason: the advisor and the chatter say why."""
        self._aftersales_check_can_review()
        sequences = self._get_sequences_to_approve(self.env.user)
        reviews = self.review_ids.filtered(lambda review: review.sequence in sequences)
        return self._add_comment("reject", reviews)

    def _add_comment(self, validate_reject, reviews):
        action = super()._add_comment(validate_reject, reviews)
        view = self.env.ref("aftersales_tier_validation.comment_wizard_view_form_aftersales")
        action.update({
            "name": self.env._("Approve") if validate_reject == "validate" else self.env._("Refuse"),
            "views": [(view.id, "form")],
            "view_id": view.id,
        })
        return action

    def _validate_tier(self, tiers=False):
        approved_before = self.review_ids.filtered(lambda r: r.status == "approved")
        res = super()._validate_tier(tiers)
        if self.review_ids.filtered(lambda r: r.status == "approved") - approved_before:
            self._aftersales_post(self._notify_accepted_reviews_body(),
                                  "base_tier_validation.mt_tier_validation_accepted")
        self._aftersales_sync_review_activities()
        return res

    def _rejected_tier(self, tiers=False):
        rejected_before = self.review_ids.filtered(lambda r: r.status == "rejected")
        res = super()._rejected_tier(tiers)
        if self.review_ids.filtered(lambda r: r.status == "rejected") - rejected_before:
            self._aftersales_post(self._notify_rejected_review_body(),
                                  "base_tier_validation.mt_tier_validation_rejected")
        self._aftersales_sync_review_activities()
        return res

    def restart_validation(self):
        restarted = self.filtered("review_ids")
        res = super().restart_validation()
        for record in restarted:
            record._aftersales_post(record._notify_restarted_review_body(),
                                    "base_tier_validation.mt_tier_validation_restarted")
        self._aftersales_sync_review_activities()
        return res

    def _aftersales_post(self, body, subtype_xmlid):
        """Every request, approval, refusal and restart goes to the chatter, whatever the rule notifies."""
        # sudo: the note is the document's history, posted whoever acts (an approver may not write the document).
        self.sudo().message_post(body=body, subtype_xmlid=subtype_xmlid)

    def _aftersales_sync_review_activities(self):
        """Each approver whose approval is waited for has one activity; the others' go when they are done."""
        if not self:
            return
        activity_type = self.env.ref(REVIEW_ACTIVITY_TYPE)
        # sudo: the approver's activity is kept whoever requests or decides (an advisor writes no activities
        # of others).
        for record in self.sudo():  # sudo: see above, activities of other users
            rejected = record.validation_status == "rejected"
            waiting = record.review_ids.filtered(lambda r: r.status == "pending" and r.can_review)
            users = record.env["res.users"] if rejected else waiting.reviewer_ids
            activities = record.activity_ids.filtered(lambda a, t=activity_type: a.activity_type_id == t)
            done = activities.filtered(lambda a, u=users: a.user_id not in u)
            kept_users = (activities - done).user_id
            done.unlink()
            for user in users - kept_users:
                record.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=", ".join(waiting.filtered(lambda r, u=user: u in r.reviewer_ids).mapped("name")),
                )

    # ------------------------------------------------------------------
    # Chatter, in the user's language
    # ------------------------------------------------------------------

    def _notify_created_review_body(self):
        return self.env._("Approval requested by %(user)s: %(waiting)s.", user=self.env.user.name,
                          waiting=self.approval_summary)

    def _notify_requested_review_body(self, tier_reviews=None):
        return self._notify_created_review_body()

    def _notify_accepted_reviews_body(self):
        comment = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)[:1].comment
        return self.env._("Approved by %(user)s: %(comment)s", user=self.env.user.name, comment=comment or "-")

    def _notify_rejected_review_body(self):
        comment = self.review_ids.filtered(lambda r: self.env.user in r.reviewer_ids and r.comment)[:1].comment
        return self.env._("Refused by %(user)s: %(comment)s", user=self.env.user.name, comment=comment or "-")

    def _notify_restarted_review_body(self):
        return self.env._("Approval restarted by %(user)s.", user=self.env.user.name)
