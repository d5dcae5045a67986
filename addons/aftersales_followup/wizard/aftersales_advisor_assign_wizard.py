from odoo import fields, models


class AftersalesAdvisorAssignWizard(models.TransientModel):
    """The service manager gives customers their responsible advisor."""

    _name = "aftersales.advisor.assign.wizard"
    _description = "Assign the Responsible Advisor"

    partner_ids = fields.Many2many("res.partner", string="Customers", required=True)
    advisor_id = fields.Many2one(
        "res.users", string="Responsible Advisor",
        domain=lambda self: [("all_group_ids", "in", self.env.ref("aftersales_reception.group_service_advisor").ids)],
        help="Empty: the customers no longer have a responsible advisor.",
    )

    def action_confirm(self):
        self.ensure_one()
        self.partner_ids._assign_aftersales_advisor(self.advisor_id)
        return {"type": "ir.actions.act_window_close"}
