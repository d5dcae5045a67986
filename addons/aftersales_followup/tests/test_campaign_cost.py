from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE

from .common_followup import FollowupCase


@tagged("post_install", "-at_install")
class TestCampaignCost(FollowupCase):
    """A campaign's cost, and its return: the visits it brought (reminder → booking → visit) less the cost."""

    def test_cost_and_return_of_a_campaign(self):
        self._set_other_vehicles_aside()
        campaign = self.env["aftersales.campaign"].with_user(self.agent_lin).create({
            "name": "春季免费检测周", "date_start": "2026-12-01", "date_end": "2026-12-07",
            "cost_line_ids": [(0, 0, {"name": "邀请函印刷及邮寄", "amount": 600.0}),
                              (0, 0, {"name": "短信群发", "amount": 200.0})],
        })
        campaign.write({"cost_line_ids": [(0, 0, {"name": "免费检测工时及礼品", "amount": 1500.0})]})
        self.assertEqual(campaign.cost_total, 2300.0)
        self.assertEqual((campaign.revenue, campaign.profit, campaign.roi), (0.0, -2300.0, -100.0))
        with self.assertRaisesRegex(ValidationError, "positive amount"):
            campaign.write({"cost_line_ids": [(0, 0, {"name": "退款", "amount": -50.0})]})
        with freeze_time("2026-11-10"):
            campaign.action_launch()
        contact = campaign.reminder_ids.with_user(self.agent_lin)
        with freeze_time("2026-11-20 02:00:00"):
            action = contact.action_book()
            appointment = self.env["aftersales.appointment"].with_user(self.agent_lin).with_context(
                **action["context"]).create({
                    "advisor_id": self.advisor.id, "start_date": datetime(2026, 12, 1, 1, 0), "source": "reminder",
                })
        self.assertEqual(contact.appointment_id, appointment)
        # The customer comes: the advisor checks the car in and opens the work order.
        with freeze_time("2026-12-01 01:00:00"):
            appointment.with_user(self.advisor).action_check_in()
            check_in = appointment.check_in_id.with_user(self.advisor)
            check_in.write({"fuel_level": "half", "covers_fitted": True})
            self.env.flush_all()
            check_in._sign(signature=SIGNATURE, signed_by="王小明")
            check_in.action_create_work_order()
        order = check_in.repair_id
        # Ten hours at the customer rate of 300 yuan, approved by the customer on the phone.
        order.job_ids.labour_hours = 10.0
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertEqual(order.amount_total, 3000.0)
        campaign.invalidate_recordset()
        self.assertEqual((campaign.booking_count, campaign.visit_count), (1, 1))
        # (3000 − 2300) ÷ 2300 = 30.43 %
        self.assertEqual((campaign.revenue, campaign.profit), (3000.0, 700.0))
        self.assertEqual(campaign.roi, 30.4)
        # A cancelled order brings nothing.
        order.sudo().action_repair_cancel()  # sudo: set-up, the cancellation is not the step under test
        campaign.invalidate_recordset()
        self.assertEqual((campaign.revenue, campaign.roi), (0.0, -100.0))

    def test_revenue_for_the_roles_that_see_money(self):
        campaign = self.env["aftersales.campaign"].create({
            "name": "老客户回馈月", "date_start": "2026-12-01", "date_end": "2026-12-31",
        })
        self.assertIn("roi", self.env["aftersales.campaign"].with_user(self.agent_lin).fields_get(["roi"]))
        # The workshop sees the campaign's results, not its money.
        self.assertNotIn("roi", self.env["aftersales.campaign"].with_user(self.technician).fields_get(["roi"]))
        self.assertEqual(campaign.with_user(self.technician).visit_count, 0)

