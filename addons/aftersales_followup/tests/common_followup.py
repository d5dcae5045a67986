from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


class FollowupCase(VisitCase):
    """Visits delivered by the advisor, and two follow-up agents of the test's own to call the customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only our agents count: the demo's agent belongs to no test company of its own.
        agent_group = cls.env.ref("aftersales_followup.group_followup_agent")
        agent_group.all_user_ids.filtered(
            lambda user: not user.has_group("aftersales_reception.group_service_manager")
        ).write({"group_ids": [(3, agent_group.id)]})
        cls.agent_lin = new_test_user(cls.env, login="fu_rel_agent_lin", name="林晓",
                                      groups="aftersales_followup.group_followup_agent")
        cls.agent_xu = new_test_user(cls.env, login="fu_rel_agent_xu", name="许倩",
                                     groups="aftersales_followup.group_followup_agent")
        cls.customer.write({"call_time_from": 15.0, "call_time_to": 18.0, "tz": "Asia/Shanghai"})

    def _delivered_order(self, delivered_at, mileage=41000):
        with freeze_time(delivered_at):
            order = self._approved_order(concerns=("保养",), hours=(1.0,), mileage=mileage)
            order.action_repair_start()
            order.job_ids.filtered(lambda job: job.state == "approved").action_mark_done()
            self._end_repair(order)
            order.with_user(self.advisor)._record_delivery(mileage + 10, False, mileage + 5010)
        return order

    def _set_other_vehicles_aside(self):
        """Only the test's vehicles count."""
        self.env["fleet.vehicle"].search([
            ("vehicle_usage", "=", "customer"), ("id", "!=", self.vehicle.id),
        ]).write({"active": False})

    @staticmethod
    def _as_agent(call):
        return call.with_user(call.agent_id)
