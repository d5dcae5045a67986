from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestQualityFailureNotice(VisitCase):
    """A failed quality check tells the work order's advisor and the foremen at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = new_test_user(cls.env, login="qcn_inspector", name="孙浩",
                                      groups="aftersales_workshop.group_qc_inspector")
        cls.foreman = new_test_user(cls.env, login="qcn_foreman", name="钱峰",
                                    groups="aftersales_workshop.group_workshop_foreman")

    def test_failed_check_gives_the_advisor_a_todo_and_tells_the_foremen(self):
        order = self._approved_order()
        self.assertEqual(order.user_id, self.advisor)
        service, brakes = order.job_ids.sorted("id")
        order.action_repair_start()
        (service | brakes).action_mark_done()
        check = self.env["aftersales.quality.check"].with_user(self.inspector).create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
            "rework_job_ids": [Command.set(brakes.ids)], "note": "刹车仍有异响",
        })
        activities_before = order.activity_ids
        check.action_fail()

        todo = order.activity_ids - activities_before
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.advisor)
        self.assertIn("刹车异响", todo.summary)
        self.assertIn("刹车仍有异响", str(todo.note))
        message = order.message_ids.filtered(lambda m: "Quality check failed" in str(m.body))
        self.assertEqual(len(message), 1)
        self.assertIn(self.foreman.partner_id, message.partner_ids)
        self.assertEqual(message.author_id, self.inspector.partner_id)
        self.assertIn(self.foreman.partner_id, message.notification_ids.res_partner_id,
                      "the foreman is notified in the inbox")

    def test_passed_check_tells_nobody(self):
        order = self._approved_order()
        order.action_repair_start()
        order.job_ids.action_mark_done()
        activities_before = order.activity_ids
        self.env["aftersales.quality.check"].with_user(self.inspector).create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        }).action_pass()
        self.assertEqual(order.activity_ids, activities_before)
        self.assertFalse(order.message_ids.filtered(lambda m: "Quality check failed" in str(m.body)))
