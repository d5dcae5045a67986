from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestDeliveryCheck(VisitCase):
    """The advisor's final check, the delivery explanation sheet and the follow-up time on the statement."""

    def setUp(self):
        super().setUp()
        self.order = self._approved_order(concerns=("保养", "刹车异响")).with_user(self.advisor)
        self.order.action_repair_start()
        self.order.job_ids.action_mark_done()
        self._end_repair(self.order)
        self.items = self.env["aftersales.check.item"].search([("kind", "=", "delivery")])

    def _render(self, report, order, user=None):
        html, _type = self.env["ir.actions.report"].with_user(user or self.advisor)._render_qweb_html(
            f"aftersales_reception.{report}", order.ids)
        return html.decode()

    def test_final_check_then_delivery(self):
        order = self.order
        self.assertEqual(len(self.items), 8, "the handbooks' final check")
        followup = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        action = order.action_open_delivery_wizard()
        form = Form(self.env[action["res_model"]].with_user(self.advisor).with_context(**action["context"]))
        form.mileage_out = 41015
        form.usage_advice = "已更换刹车片，请保持车距，注意刹车片磨合"
        form.followup_preferred_date = followup
        self.assertEqual(len(form.check_line_ids), 8)
        for index in range(7):
            with form.check_line_ids.edit(index) as line:
                line.is_done = True
        wizard = form.save()
        left = wizard.check_line_ids.filtered(lambda line: not line.is_done)
        with self.assertRaisesRegex(UserError, "Finish the final check"):
            wizard.action_deliver()
        self.assertFalse(order.delivery_date)
        self.assertFalse(order.delivery_check_ids)

        left.is_done = True
        wizard.action_deliver()
        self.assertTrue(order.delivery_date)
        self.assertEqual(order.delivery_check_ids.item_id, self.items)
        self.assertEqual(set(order.delivery_check_ids.mapped("checked_by_id")), {self.advisor})
        self.assertEqual(order.usage_advice, "已更换刹车片，请保持车距，注意刹车片磨合")
        self.assertEqual(order.delivery_mileage, 41015)

        sheet = self._render("action_report_delivery_explanation", order)
        for expected in ("Delivery Explanation Sheet", "保养", "刹车异响", "已更换刹车片，请保持车距，注意刹车片磨合",
                         "46,015", "Every job on the work order done"):
            self.assertIn(expected, sheet)
        # The dealer's guarantee from the delivery: 30 days or 20 000 km here, whichever comes first.
        self.company.write({"aftersales_guarantee_days": 30, "aftersales_guarantee_km": 20000})
        self.assertEqual(order.guarantee_end_date, fields.Date.context_today(order, order.delivery_date)
                         + timedelta(days=30))
        self.assertEqual(order.guarantee_end_mileage, 61015)
        guarantee = self._render("action_report_guarantee", order)
        for expected in ("Repair Guarantee", "61,015", "刹车异响", "Whichever comes first"):
            self.assertIn(expected, guarantee)

        order.with_user(self.cashier).action_settle()
        statement = self._render("action_report_settlement", order, user=self.cashier)
        self.assertIn("Follow-up Call", statement, "the customer's preferred call time is on the statement")
        self.assertIn(str(followup.day), statement)
        with self.assertRaisesRegex(UserError, "already recorded"):
            order._record_delivery_checks(self.items)

    def test_final_check_is_the_advisors_and_kept_by_its_step(self):
        with self.assertRaisesRegex(AccessError, "Only a service advisor"):
            self.order.with_user(self.technician)._record_delivery_checks(self.items)
        with self.assertRaisesRegex(UserError, "kept by their business step"):
            self.env["aftersales.delivery.check"].with_user(self.advisor).create({
                "repair_id": self.order.id, "item_id": self.items[0].id, "name": "x",
                "checked_by_id": self.advisor.id, "checked_at": fields.Datetime.now(),
            })
        self.assertFalse(self.order.delivery_check_ids)

    def test_check_in_sheet_lists_only_the_walk_around(self):
        check_in = self._check_in(42000, ["空调不凉"])
        self.assertTrue(check_in.line_ids)
        self.assertEqual(set(check_in.line_ids.item_id.mapped("kind")), {"check_in"})
