from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestRepairCategory(VisitCase):
    """Every work order has a repair category (保养, 一般维修, 钣喷, 事故/保险, 索赔, 内部...): proposed from its jobs,
    chosen by the advisor, needed to confirm the order, configured by the service manager."""

    def _order(self, concerns, payers=None):
        check_in = self._check_in(41000, concerns)
        check_in.action_create_work_order()
        order = check_in.repair_id
        for job, payer in zip(order.job_ids.sorted("id"), payers or (), strict=False):
            job.with_user(self.advisor).payer = payer
        return order

    def test_proposed_from_the_jobs(self):
        cases = [
            (("保养",), None, "maintenance"),
            (("首保",), None, "maintenance"),
            (("刹车异响",), None, "general"),
            (("保养", "水泵漏水"), ("customer", "warranty"), "warranty"),
            (("前保险杠撞坏", "保养"), ("insurance", "customer"), "accident"),
            (("内部返修",), ("internal",), "internal"),
        ]
        for concerns, payers, code in cases:
            with self.subTest(concerns=concerns, payers=payers):
                self.assertEqual(self._order(concerns, payers).repair_category_id.code, code)

    def test_the_advisors_choice_stays_and_is_needed_to_confirm(self):
        body_paint = self.env.ref("aftersales_reception.repair_category_body_paint")
        order = self._order(("刹车异响",))
        self.assertEqual(order.repair_category_id.code, "general")
        with Form(order.with_user(self.advisor)) as form:
            form.repair_category_id = body_paint
        # A job added afterwards does not replace what the advisor chose.
        order.with_user(self.advisor).job_ids = [(0, 0, {"name": "保养", "repair_id": order.id})]
        self.assertEqual(order.repair_category_id, body_paint)

        # Emptied, the jobs propose one again; with no category to propose (all archived), the order waits.
        other = self._order(("保养",))
        other.with_user(self.advisor).repair_category_id = False
        self.assertEqual(other.repair_category_id.code, "maintenance")
        self.env["aftersales.repair.category"].search([]).active = False
        other.with_user(self.advisor).repair_category_id = False
        self.assertFalse(other.repair_category_id)
        self._confirm_five(other)
        with self.assertRaisesRegex(UserError, f"^Choose the repair category of work order {other.name} before"):
            other.with_user(self.advisor)._record_approval("phone", "王小明")
        self.assertEqual((other.state, other.approval_ids), ("draft", self.env["aftersales.approval"]))

    def test_the_manager_configures_them(self):
        Category = self.env["aftersales.repair.category"]
        self.assertEqual(
            set(Category.search([]).mapped("code")) >= {"maintenance", "general", "body_paint", "accident",
                                                         "warranty", "internal", "accessories"},
            True,
        )
        glass = Category.with_user(self.manager).create({"name": "玻璃更换", "code": "glass",
                                                          "company_id": self.company.id})
        order = self._order(("前挡风玻璃裂",))
        order.with_user(self.advisor).repair_category_id = glass
        self.assertEqual(order.repair_category_id, glass)
        with self.assertRaises(UserError):  # the advisor reads the categories, the manager sets them
            Category.with_user(self.advisor).create({"name": "洗车", "code": "wash"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            Category.with_user(self.manager).create({"name": "玻璃", "code": "glass", "company_id": self.company.id})

    def test_after_sales_staff_land_in_the_app(self):
        advisor = new_test_user(self.env, login="home_advisor", groups="aftersales_reception.group_service_advisor")
        home = self.env.ref("aftersales_reception.action_aftersales_home")
        self.assertEqual(advisor.action_id.id, home.id, "an advisor lands in After-sales, not in Discuss")
        office = new_test_user(self.env, login="home_office", groups="base.group_user")
        self.assertFalse(office.action_id, "staff without an after-sales role keep Odoo's home")
        office.group_ids = [(4, self.env.ref("aftersales_reception.group_cashier").id)]
        self.assertEqual(office.action_id.id, home.id, "given a role later, the user lands in After-sales too")
        # The app's first screen each may open, in the menus' order.
        first = self.env["ir.ui.menu"].with_user(advisor)._aftersales_home_action()
        self.assertEqual(first["res_model"], "aftersales.appointment")
