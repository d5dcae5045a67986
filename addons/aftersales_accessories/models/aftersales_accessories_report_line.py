from odoo import fields, models


class AftersalesAccessoriesReportLine(models.Model):
    _name = "aftersales.accessories.report.line"
    _description = "Accessories Report Line"
    _order = "report_id, amount desc, id"
    _rec_name = "product_id"

    report_id = fields.Many2one("aftersales.accessories.report", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    currency_id = fields.Many2one(related="report_id.currency_id")
    product_id = fields.Many2one("product.product", string="Accessory", required=True)
    quantity = fields.Float(digits="Product Unit")
    amount = fields.Monetary()
