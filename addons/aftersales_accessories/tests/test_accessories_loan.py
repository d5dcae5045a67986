from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestAccessoriesLoan(VisitCase):
    """借用登记: what leaves the accessories store on loan, who has it, when it is due back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accessories_clerk = new_test_user(cls.env, login="loan_accessories_clerk", name="陈精品",
                                              groups="aftersales_accessories.group_accessories_clerk")
        cls.dashcam = cls._make_part("行车记录仪 Dash camera", "000063700A", 1280.0, 700.0)
        cls.sales_colleague = cls.env["res.partner"].create({"name": "销售部 刘洋"})

    def _loan(self, due):
        return self.env["aftersales.accessories.loan"].with_user(self.accessories_clerk).create({
            "product_id": self.dashcam.id, "quantity": 1, "borrower_id": self.sales_colleague.id,
            "purpose": "展厅展示", "due_date": due,
        })

    def test_lend_overdue_and_return(self):
        with freeze_time(datetime(2030, 1, 9, 2, 0)):
            loan = self._loan(date(2030, 1, 11))
            self.assertTrue(loan.name.startswith("JY"))
            with self.assertRaisesRegex(UserError, "business step"):
                loan.write({"state": "lent"})
            loan.action_lend()
            self.assertRecordValues(loan, [{"state": "lent", "lent_by_id": self.accessories_clerk.id,
                                            "is_overdue": False}])
            with self.assertRaisesRegex(UserError, "already lent"):
                loan.action_lend()
            with self.assertRaisesRegex(UserError, "stays as registered"):
                loan.write({"quantity": 2})
        Loan = self.env["aftersales.accessories.loan"].with_user(self.manager)
        with freeze_time(datetime(2030, 1, 12, 2, 0)):
            loan.invalidate_recordset(["is_overdue"])
            self.assertTrue(loan.is_overdue)
            self.assertEqual(Loan.search([("is_overdue", "=", True), ("product_id", "=", self.dashcam.id)]), loan)
            self.assertFalse(Loan.search([("is_overdue", "=", False), ("id", "=", loan.id)]))
            loan.with_user(self.accessories_clerk)._record_return("完好")
        self.assertRecordValues(loan, [{"state": "returned", "returned_by_id": self.accessories_clerk.id,
                                        "return_note": "完好"}])
        with freeze_time(datetime(2030, 1, 12, 2, 0)):
            loan.invalidate_recordset(["is_overdue"])
            self.assertFalse(loan.is_overdue)
            self.assertFalse(Loan.search([("is_overdue", "=", True), ("product_id", "=", self.dashcam.id)]))
        with self.assertRaisesRegex(UserError, "Only a lent"):
            loan.with_user(self.accessories_clerk).action_return()
        with self.assertRaisesRegex(UserError, "stays in the register"):
            loan.with_user(self.manager).unlink()

    def test_bad_input_and_roles(self):
        with freeze_time(datetime(2030, 1, 9, 2, 0)):
            loan = self._loan(date(2030, 1, 8))
            with self.assertRaisesRegex(UserError, "cannot be in the past"):
                loan.action_lend()
            self.assertEqual(loan.state, "draft")
            with self.assertRaises(AccessError):
                self.env["aftersales.accessories.loan"].with_user(self.advisor).create({
                    "product_id": self.dashcam.id, "borrower_id": self.sales_colleague.id, "due_date": "2030-01-11",
                })
