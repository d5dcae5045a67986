from odoo import api, models


class ReportAftersalesCost(models.AbstractModel):
    """The monthly internal and goodwill cost report: the lines chosen, summed per month, department and payer."""

    _name = "report.aftersales_account.report_aftersales_cost"
    _description = "After-sales Internal and Goodwill Cost Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        Cost = self.env["aftersales.cost.report"]
        groups = Cost._read_group(
            [("id", "in", docids)], groupby=["company_id", "date:month", "department_id", "payer"],
            aggregates=["amount:sum"], order="company_id, date:month, department_id, payer",
        )
        payers = dict(Cost._fields["payer"]._description_selection(self.env))
        rows = [{
            "company": company,
            "month": month,
            "department": department.display_name or self.env._("No department"),
            "payer": payers.get(payer, ""),
            "amount": amount,
        } for company, month, department, payer, amount in groups]
        return {
            "doc_ids": docids,
            "doc_model": "aftersales.cost.report",
            "docs": Cost.browse(docids),
            "rows": rows,
            "total": sum(row["amount"] for row in rows),
        }
