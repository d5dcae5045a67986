import re

from odoo import models


class AftersalesStatementXlsx(models.AbstractModel):
    """The statement of account as a spreadsheet, the same figures as the PDF."""

    _name = "report.aftersales_account.report_aftersales_statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "After-sales Statement of Account Spreadsheet"

    def generate_xlsx_report(self, workbook, data, objects):
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        money = workbook.add_format({"num_format": "#,##0.00"})
        money_bold = workbook.add_format({"num_format": "#,##0.00", "bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        headers = [
            self.env._("Date"), self.env._("Number"), self.env._("Type"), self.env._("Work Order"),
            self.env._("License Plate"), self.env._("Claim / Case No."), self.env._("Debit"), self.env._("Credit"),
            self.env._("Open Amount"), self.env._("Balance"),
        ]
        for wizard in objects:
            statement = wizard._statement_data()
            # A sheet's name has at most 31 characters and none of []:*?/\ (a payer's name may have them).
            sheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", wizard.partner_id.name)[:31])
            sheet.set_column(0, 0, 12)
            sheet.set_column(1, 5, 20)
            sheet.set_column(6, 9, 14)
            sheet.write(0, 0, self.env._("Statement of Account"), title)
            sheet.write_string(1, 0, wizard.company_id.name)
            sheet.write(2, 0, self.env._("Payer"), bold)
            sheet.write_string(2, 1, wizard.partner_id.name)
            sheet.write(3, 0, self.env._("Period"), bold)
            sheet.write(3, 1, f"{wizard.date_from} - {wizard.date_to}")
            sheet.write(4, 0, self.env._("Opening Balance"), bold)
            sheet.write_number(4, 9, statement["opening"], money_bold)
            for column, header in enumerate(headers):
                sheet.write(6, column, header, bold)
            row = 7
            for line in statement["lines"]:
                sheet.write_datetime(row, 0, line["date"], day)
                for column, key in enumerate(("number", "kind", "work_order", "plate", "reference"), start=1):
                    sheet.write_string(row, column, line[key])
                for column, key in enumerate(("debit", "credit", "residual", "balance"), start=6):
                    sheet.write_number(row, column, line[key], money)
                row += 1
            sheet.write(row, 0, self.env._("Total"), bold)
            sheet.write_number(row, 6, statement["debit"], money_bold)
            sheet.write_number(row, 7, statement["credit"], money_bold)
            sheet.write(row + 1, 0, self.env._("Closing Balance"), bold)
            sheet.write_number(row + 1, 9, statement["closing"], money_bold)
            row += 3
            sheet.write(row, 0, self.env._("Open Amounts by Age"), bold)
            for label, amount in statement["aging"]:
                row += 1
                sheet.write(row, 0, label)
                sheet.write_number(row, 1, amount, money)
