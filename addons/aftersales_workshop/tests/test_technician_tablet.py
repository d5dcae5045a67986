from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase

PRICE_FIELDS = ("labour_rate", "labour_amount", "parts_amount", "amount_total")


@tagged("post_install", "-at_install")
class TestTechnicianTablet(VisitCase):
    """The technician's jobs on his tablet: the approved work only, a timer while he works, no prices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = new_test_user(cls.env, login="tablet_qc", name="孙浩",
                                      groups="aftersales_workshop.group_qc_inspector")
        cls.foreman = new_test_user(cls.env, login="tablet_foreman", name="赵强",
                                    groups="aftersales_workshop.group_workshop_foreman")

    def setUp(self):
        super().setUp()
        self.order = self._approved_order()
        self.service, self.brakes = self.order.job_ids.sorted("id")
        self.service._assign_technicians(self.technician)

    def _my_jobs(self, user):
        """The jobs the technician's My Jobs action lists, as he opens it."""
        action = self.env.ref("aftersales_workshop.aftersales_job_my_action")
        return self.env["aftersales.job"].with_user(user).search(safe_eval(action.domain, {"uid": user.id}))

    def test_my_jobs_are_the_approved_work_of_approved_orders(self):
        # A car the customer has not approved yet: its job dispatched to him (to diagnose it) is not work to do.
        check_in = self._check_in(23000, ["异响"], vehicle=self._create_vehicle(
            make_vin("LTV2A21K", "M3095001"), license_plate="浙A·T5001"))
        check_in.action_create_work_order()
        draft = check_in.repair_id
        draft.job_ids._assign_technicians(self.technician)
        # Additional work on the approved order waits for the customer's decision.
        proposed = self.service.with_user(self.technician)._propose_additional_work(
            "更换前刹车片", "刹车片只剩 2 mm", 1.0,
        ).with_env(self.env)
        proposed._assign_technicians(self.technician)
        self.assertEqual((draft.state, proposed.state), ("draft", "proposed"))
        self.assertEqual(self._my_jobs(self.technician), self.service)
        # The action's list, not a rule: he still reads the job he diagnoses and the work he proposed.
        self.assertEqual(draft.job_ids.with_user(self.technician).read(["name"])[0]["name"], "异响")
        self.assertEqual(proposed.with_user(self.technician).read(["state"])[0]["state"], "proposed")
        # Once the customer approves the additional work, it is his to do.
        proposed._record_decision(True, "phone", workshop_informed_user=self.technician)
        self.assertEqual(self._my_jobs(self.technician), self.service | proposed)

    def test_job_screens_show_no_prices(self):
        action = self.env.ref("aftersales_workshop.aftersales_job_my_action")
        for view in action.view_ids:
            arch = etree.fromstring(
                self.env["aftersales.job"].with_user(self.technician).get_view(view.view_id.id)["arch"]
            )
            fields = {node.get("name") for node in arch.iter("field")}
            self.assertFalse(fields & set(PRICE_FIELDS), view.view_id.xml_id)
            if view.view_mode == "kanban":
                self.assertTrue(arch.xpath("//button[@name='action_open_extra_work_wizard']"),
                                "additional work is proposed from the card")
                self.assertIn("license_plate", fields)
                self.assertEqual(arch.xpath("//field[@name='my_clock_start']/@widget"), ["aftersales_clock_timer"])
        # The QC inspector works without prices too; the foreman sees them (a change of payer brings its rate).
        for user in (self.technician, self.inspector):
            with self.assertRaisesRegex(AccessError, 'the field "labour_rate"'):
                self.service.with_user(user).read(["labour_rate"])
        self.assertEqual(self.service.with_user(self.foreman).read(PRICE_FIELDS)[0]["labour_rate"], 300.0)

    def test_timer_counts_from_his_running_clock(self):
        start = datetime(2026, 6, 1, 1, 0)
        job = self.service.with_user(self.technician)
        self.assertFalse(job.my_clock_start)
        with freeze_time(start):
            job.action_clock_start()
        job.invalidate_recordset(["my_clock_start"])
        self.assertEqual(job.my_clock_start, start)
        self.assertFalse(self.service.with_user(self.foreman).my_clock_start, "the foreman is not clocked on it")
        with freeze_time(start + timedelta(minutes=30)):
            job._clock_pause("parts")
        job.invalidate_recordset(["my_clock_start"])
        self.assertFalse(job.my_clock_start, "no timer while paused")
        self.assertEqual(self.service.clocked_hours, 0.5)

    def test_additional_work_from_the_card(self):
        action = self.service.with_user(self.technician).action_open_extra_work_wizard()
        self.assertEqual((action["res_model"], action["target"]), ("aftersales.extra.work.wizard", "new"))
        wizard = self.env[action["res_model"]].with_user(self.technician).with_context(**action["context"]).create({
            "name": "更换前刹车片", "reason": "刹车片只剩 2 mm", "labour_hours": 1.5,
        })
        job = wizard.action_propose()
        self.assertEqual((job.state, job.is_additional, job.repair_id, job.labour_hours),
                         ("proposed", True, self.order, 1.5))
        # At the settings' rate, which the advisor reads: 1.5 h × 300.
        self.assertEqual(job.with_user(self.advisor).amount_total, 450.0)
