from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestCostReport(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls.env["account.analytic.plan"].create({"name": "部门"})
        cls.sales_department = cls.env["account.analytic.account"].create({
            "name": "新车销售部", "plan_id": plan.id, "company_id": cls.company.id,
        })
        cls.service_department = cls.env["account.analytic.account"].create({
            "name": "售后服务部", "plan_id": plan.id, "company_id": cls.company.id,
        })
        cls.mileage = 41000

    def _settled(self, payers_hours, department):
        """A visit with jobs of the payers, charged to the department by the advisor, settled by the cashier."""
        self.mileage += 100
        check_in = self._check_in(self.mileage, [f"项目 {payer}" for payer, _h in payers_hours])
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, (payer, hours) in zip(order.job_ids.sorted("id"), payers_hours, strict=True):
            job.write({"payer": payer, "labour_hours": hours})
        order.with_user(self.advisor).aftersales_cost_department_id = department
        self._confirm_five(order)
        order._record_approval("phone", "销售部 李经理")
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order.with_user(self.cashier).action_settle()
        return order

    def test_monthly_cost_per_department(self):
        # Internal: 2 h at the internal rate 150.00; goodwill: 0.5 h at the retail rate 300.00.
        pdi = self._settled([("internal", 2.0), ("goodwill", 0.5)], self.sales_department)
        repair = self._settled([("goodwill", 1.0)], self.service_department)
        Cost = self.env["aftersales.cost.report"].with_user(self.cashier)
        groups = Cost._read_group(
            [("work_order", "in", (pdi | repair).mapped("name"))], groupby=["department_id", "payer", "date:month"],
            aggregates=["amount:sum"],
        )
        self.assertEqual(sorted((dept.name, payer, amount) for dept, payer, _month, amount in groups), [
            ("售后服务部", "goodwill", 300.0), ("新车销售部", "goodwill", 150.0), ("新车销售部", "internal", 300.0),
        ])
        # Booked to the department's analytic account too.
        column = self.sales_department.plan_id._column_name()
        analytic = self.env["account.analytic.line"].search([(column, "=", self.sales_department.id)])
        self.assertEqual(sorted(analytic.mapped("amount")), [-300.0, -150.0])
        # The monthly report, printed from the lines chosen.
        costs = Cost.search([("work_order", "in", (pdi | repair).mapped("name"))])
        html, _kind = self.env["ir.actions.report"].with_user(self.cashier)._render_qweb_html(
            "aftersales_account.report_aftersales_cost", costs.ids
        )
        html = html.decode()
        self.assertIn(self.company.name, html, "the company header")
        self.assertIn("新车销售部", html)
        self.assertIn("750.00", html, "the total: 300.00 + 150.00 + 300.00")

    def test_department_of_a_settled_order_kept(self):
        order = self._settled([("internal", 1.0)], self.sales_department)
        with self.assertRaisesRegex(UserError, "is settled"):
            order.with_user(self.advisor).aftersales_cost_department_id = self.service_department
        self.assertEqual(order.aftersales_cost_department_id, self.sales_department)
