from odoo.addons.aftersales_reception.tests import common_visit


class VisitSteps(common_visit.VisitSteps):
    """The workshop's steps in every visit of the tests where the workshop is installed."""

    roles = {
        "foreman": ("aftersales_workshop.group_workshop_foreman", "visit_steps_foreman", "赵强"),
        "inspector": ("aftersales_workshop.group_qc_inspector", "visit_steps_inspector", "周检"),
    }

    def dispatch(self, case, jobs, technicians):
        """The foreman dispatches the jobs."""
        foreman = case._role_user(jobs.env, *self.roles["foreman"])
        jobs.with_user(foreman)._assign_technicians(technicians)

    def before_repair_end(self, case, order):
        """The QC inspector checks the car and passes it."""
        inspector = case._role_user(order.env, *self.roles["inspector"])
        order.env["aftersales.quality.check"].with_user(inspector).create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        }).action_pass()
