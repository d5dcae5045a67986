from odoo import fields, models
from odoo.exceptions import UserError


class AftersalesExtraWorkWizard(models.TransientModel):
    """Extra work found by the technician (追加项目), proposed to the advisor."""

    _name = "aftersales.extra.work.wizard"
    _description = "Propose Additional Work"

    job_id = fields.Many2one("aftersales.job", string="Found During", required=True)
    name = fields.Char(string="Work Needed", required=True)
    reason = fields.Text(string="Why It Is Needed", required=True)
    labour_hours = fields.Float(string="Estimated Hours", required=True)
    photo = fields.Image(max_width=1920, max_height=1920)
    product_ids = fields.Many2many("product.product", string="Parts Needed")

    def action_propose(self):
        self.ensure_one()
        if self.labour_hours <= 0:
            raise UserError(self.env._("Estimate the hours the additional work takes."))
        return self.job_id._propose_additional_work(
            self.name, self.reason, self.labour_hours, products=self.product_ids, photo=self.photo,
        )

