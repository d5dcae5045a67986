from odoo.addons.aftersales_reception.tests import common_visit


class VisitSteps(common_visit.VisitSteps):
    """The workshop's steps in every visit of the tests where the workshop is installed."""

    roles = {
        "foreman": ("aftersales_workshop.group_workshop_foreman", "visit_steps_foreman", "赵强"),
        "inspector": ("aftersales_workshop.group_qc_inspector", "visit_steps_inspector", "周检"),
    }
    bad_input_cases = (
        ("job hours raised to 1 000 by the foreman", "foreman", "job_b", "write", {"labour_hours": 1000},
         r"^Job 保养 has 1000\.0 labour hours; a job takes at most 200\.0 hours .+$"),
        ("technicians' shares above 100 %", "foreman", "aftersales.job.assignment", "create",
         lambda t: {"job_id": t.job_b.id, "technician_id": t.roles["foreman"].id, "share": 100.0,
                    "__extra__": {"technician_id": t.technician.id, "share": 50.0}},
         r"^The technicians' shares of job 保养 add up to 150\.0 %; they cannot exceed 100 %\.$"),
        ("progress check at 150 %", "admin", "company", "write", {"aftersales_progress_alert_percent": 150},
         r"^The progress check happens between 1 % and 100 % of the time\.$"),
        ("negative comeback window", "admin", "company", "write", {"aftersales_comeback_km": -1},
         r"^The comeback window cannot be negative\.$"),
    )
    bad_input_models = ("aftersales.job.assignment",)

    def dispatch(self, case, jobs, technicians):
        """The foreman dispatches the jobs."""
        foreman = case._role_user(jobs.env, *self.roles["foreman"])
        jobs.with_user(foreman)._dispatch(technicians)

    def before_repair_end(self, case, order):
        """The QC inspector checks the car and passes it."""
        inspector = case._role_user(order.env, *self.roles["inspector"])
        order.env["aftersales.quality.check"].with_user(inspector).create({
            "repair_id": order.id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        }).action_pass()
