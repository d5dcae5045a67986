from odoo import api, fields, models

REVIEW_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To Approve"),
    ("rejected", "Refused"),
    ("approved", "Approved"),
    ("cancel", "Cancelled"),
]


class TierReview(models.Model):
    _inherit = "tier.review"

    # The status as the after-sales reports read it, in the user's language.
    aftersales_state = fields.Selection(REVIEW_STATES, string="Approval Status", compute="_compute_aftersales_state",
                                        store=True)
    aftersales_document = fields.Char(string="Document", compute="_compute_aftersales_document")
    aftersales_model_name = fields.Char(string="Document Type", compute="_compute_aftersales_document")

    @api.depends("status")
    def _compute_aftersales_state(self):
        for review in self:
            review.aftersales_state = review.status

    @api.depends("model", "res_id")
    def _compute_aftersales_document(self):
        # sudo: ir.model is readable by administrators only; a reviewer still sees the document type.
        model_names = {model.model: model.name for model in self.env["ir.model"].sudo().search(
            [("model", "in", list(set(self.mapped("model")) - {False}))])}
        documents = {
            # sudo: the report names the document whoever reads the approvals (a supervisor reads no sales).
            model: self.env[model].sudo().browse(reviews.mapped("res_id")).exists()
            for model, reviews in self.grouped("model").items() if reviews[:1]._has_resource_model()
        }
        for review in self:
            existing = documents.get(review.model)
            document = existing.browse(review.res_id) if existing and review.res_id in existing.ids else None
            review.aftersales_document = document.display_name if document else False
            review.aftersales_model_name = model_names.get(review.model, False)

    def _get_reviewers(self):
        reviewers = super()._get_reviewers()
        if self.model in self.env["tier.definition"]._aftersales_validated_models() and self.reviewer_group_id:
            # A role approves with the roles above it: a service manager holds the supervisor's rights, a general
            # manager the service manager's.
            reviewers |= self.reviewer_group_id.all_user_ids.filtered("active")
            if self.definition_id.exclude_requester and self.requested_by:
                reviewers -= self.requested_by
        return reviewers

    def _aftersales_approver_label(self):
        self.ensure_one()
        return self.definition_id._aftersales_approver_label()

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
