from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class AftersalesKpiStatisticsReport(models.AbstractModel):
    """The business statistics (业务统计表) of a week or a month: cars in and revenue by car model and repair
    category, with the arrears."""

    _name = "report.aftersales_kpi.report_statistics"
    _description = "After-sales Business Statistics"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(data.get("date_from")) or today.replace(day=1)
        date_to = fields.Date.to_date(data.get("date_to")) or date_from + relativedelta(months=1, days=-1)
        companies = self.env["res.company"].browse(docids)
        Visit = self.env["aftersales.kpi.visit"]
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "date_from": date_from,
            "date_to": date_to,
            "rows": {company.id: Visit._statistics_rows(company, date_from, date_to) for company in companies},
            "arrears": {company.id: Visit._arrears(company) for company in companies},
            "payer_labels": Visit._payer_labels(),
        }
