from odoo import api, fields, models


class AftersalesKpiDailyReport(models.AbstractModel):
    """The daily report (日报) the service manager signs: cars in, orders open and closed, revenue by payer and
    the arrears, for each company printed."""

    _name = "report.aftersales_kpi.report_daily"
    _description = "After-sales Daily Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        day = fields.Date.to_date(data.get("date")) or fields.Date.context_today(self)
        companies = self.env["res.company"].browse(docids)
        Visit = self.env["aftersales.kpi.visit"]
        return {
            "doc_ids": docids,
            "doc_model": "res.company",
            "docs": companies,
            "report_date": day,
            "figures": {company.id: Visit._daily_figures(company, day) for company in companies},
            "arrears": {company.id: Visit._arrears(company) for company in companies},
            "payer_labels": Visit._payer_labels(),
        }
