from odoo import api, fields, models

from .aftersales_insurance_document_type import REQUIRED_FOR


class AftersalesInsuranceDocument(models.Model):
    _name = "aftersales.insurance.document"
    _description = "Insurance Claim Document"
    _rec_name = "type_id"
    _order = "case_id, sequence, id"
    _check_company_auto = True

    case_id = fields.Many2one("aftersales.insurance.case", string="Insurance Case", required=True,
                              ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    type_id = fields.Many2one("aftersales.insurance.document.type", string="Document", required=True,
                              ondelete="restrict")
    sequence = fields.Integer(related="type_id.sequence", store=True)
    required_for = fields.Selection(
        REQUIRED_FOR, string="Required", compute="_compute_required_for", store=True, readonly=False,
        precompute=True, required=True,
    )
    is_received = fields.Boolean(string="Received")
    received_date = fields.Date(compute="_compute_received", store=True, readonly=False)
    received_by_id = fields.Many2one("res.users", string="Received by", compute="_compute_received", store=True,
                                     readonly=False)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    note = fields.Char()

    _type_unique = models.Constraint("UNIQUE(case_id, type_id)", "A document is listed only once per case.")

    @api.depends("type_id")
    def _compute_required_for(self):
        for document in self:
            document.required_for = document.type_id.required_for or "optional"

    @api.depends("is_received")
    def _compute_received(self):
        for document in self:
            if document.is_received:
                document.received_date = document.received_date or fields.Date.context_today(document)
                document.received_by_id = document.received_by_id or self.env.user
            else:
                document.received_date = False
                document.received_by_id = False

    def write(self, vals):
        self.case_id._check_not_settled()
        return super().write(vals)
