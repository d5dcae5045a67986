from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.aftersales_reception.tools import step_scope


class AccountCase(TransactionCase):
    """An insurer and a manufacturer with settled after-sales invoices, the cashier and the accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.cashier = new_test_user(cls.env, login="stmt_cashier", groups="aftersales_reception.group_cashier",
                                    name="何静", company_id=cls.company.id)
        cls.accountant = new_test_user(
            cls.env, login="stmt_accountant", groups="account.group_account_manager,account.group_account_user",
            name="钱会计", company_id=cls.company.id,
        )
        cls.insurer = cls.env["res.partner"].create(
            {"name": "中国人民财产保险股份有限公司杭州分公司", "is_company": True}
        )
        cls.manufacturer = cls.env["res.partner"].create({"name": "一汽-大众销售有限责任公司", "is_company": True})
        cls.customer = cls.env["res.partner"].create({"name": "王小明", "phone": "13800000001"})
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Test Motors"})
        cls.car_model = cls.env["fleet.vehicle.model"].create(
            {"name": "Sedan T1", "brand_id": brand.id, "vehicle_type": "car"}
        )
        cls.income = cls.env["account.account"].search([
            *cls.env["account.account"]._check_company_domain(cls.company), ("account_type", "=", "income"),
        ], limit=1)
        cls.bank_journal = cls.env["account.journal"].create({
            "name": "工商银行", "type": "bank", "code": "TICB", "company_id": cls.company.id,
        })

    @classmethod
    def _order(cls, plate):
        vehicle = cls.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": cls.customer.id, "model_id": cls.car_model.id,
            "license_plate": plate,
        })
        return cls.env["repair.order"].create({"partner_id": cls.customer.id, "vehicle_id": vehicle.id})

    @classmethod
    def _settled_invoice(cls, partner, payer, amount, invoice_date, due_date=None, order=None, reference=None,
                         move_type="out_invoice"):
        """A posted invoice as a work order's settlement makes it: its payer, its work order, the payer's file."""
        with step_scope("test.settlement"):
            move = cls.env["account.move"].create({
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due_date or invoice_date,
                "ref": reference,
                "aftersales_repair_id": order.id if order else False,
                "aftersales_payer": payer,
                "invoice_line_ids": [Command.create({
                    "name": "Labour", "quantity": 1.0, "price_unit": amount, "account_id": cls.income.id,
                    "tax_ids": [Command.clear()],
                })],
            })
        move.action_post()
        return move

    def _pay(self, invoices, amount, pay_date, user=None):
        """One incoming payment of the payer against the invoices, as the button of the receivables list does."""
        action = invoices.with_user(user or self.cashier).action_aftersales_register_group_payment()
        wizard = self.env["account.payment.register"].with_user(user or self.cashier).with_context(
            **action["context"]
        ).create({
            "amount": amount, "payment_date": pay_date, "journal_id": self.bank_journal.id,
            "payment_difference_handling": "open",
        })
        self.assertTrue(wizard.group_payment)
        wizard.action_create_payments()
        return wizard


def day(text):
    return date.fromisoformat(text)
