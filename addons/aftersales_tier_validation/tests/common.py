from odoo.tests import Form

ACTIVITY_TYPE = "aftersales_tier_validation.mail_activity_type_tier_review"
DECISION_VIEW = "aftersales_tier_validation.comment_wizard_view_form_aftersales"


class ApprovalTestMixin:
    """What a test of approval rules does as the approver and reads of the document."""

    def _decide(self, record, user, approve, reason):
        """The approver clicks Approve or Refuse on the document and gives the reason."""
        method = "validate_tier" if approve else "reject_tier"
        action = getattr(record.with_user(user), method)()
        self.assertEqual(action["res_model"], "comment.wizard")
        form = Form(self.env["comment.wizard"].with_user(user).with_context(**action["context"]), view=DECISION_VIEW)
        form.comment = reason
        form.save().add_comment()
        record.invalidate_recordset()

    def _approvers_with_activity(self, record):
        activity_type = self.env.ref(ACTIVITY_TYPE)
        activities = record.sudo().activity_ids  # sudo: every approver's activities, not only the reader's
        return activities.filtered(lambda a: a.activity_type_id == activity_type).user_id

    def _notes(self, record):
        return "\n".join(str(body) for body in record.sudo().message_ids.mapped("body"))  # sudo: whole chatter
