from odoo import api, fields, models


class AftersalesRepairCategory(models.Model):
    """The kind of work a work order is (保养, 一般维修, 钣喷, 事故/保险, 索赔, 内部, 精品加装): visits and revenue are
    counted and split by it as the handbooks report them. The dealer adds its own."""

    _name = "aftersales.repair.category"
    _description = "Repair Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code the reports and the default rules use.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: used by every company.")

    _code_company_uniq = models.Constraint(
        "UNIQUE NULLS NOT DISTINCT (code, company_id)",
        "A repair category's code is unique in its company.",
    )

    @api.model
    def _for_code(self, code, company):
        """The active category of ``code`` a work order of ``company`` uses: the company's own, else the shared one."""
        if not code:
            return self.browse()
        categories = self.search([("code", "=", code), ("company_id", "in", [company.id, False])])
        return categories.sorted(lambda category: not category.company_id)[:1]
