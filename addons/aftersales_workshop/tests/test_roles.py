from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS, make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestWorkshopRoles(VisitCase):
    """The workshop's roles on reception's records: the foreman runs the jobs, prices stay the advisor's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreman = new_test_user(cls.env, login="roles_foreman", name="赵强",
                                    groups="aftersales_workshop.group_workshop_foreman")
        cls.inspector = new_test_user(cls.env, login="roles_qc", name="孙浩",
                                      groups="aftersales_workshop.group_qc_inspector")

    def setUp(self):
        super().setUp()
        self.order = self._approved_order(concerns=("保养",), hours=(1.0,))
        self.job = self.order.job_ids
        self.part = self._add_part(self.order, self.job, self.oil_filter, 1)

    def test_rights_on_reception_records(self):
        # The foreman changes jobs and, as a stock user, work orders; as technicians, both propose additional work
        # (reception's rule limits the creation to that).
        self.assertRights(self.foreman, {**RECEPTION_READER_RIGHTS, "aftersales.job": "1110", "repair.order": "1111"})
        self.assertRights(self.inspector, {**RECEPTION_READER_RIGHTS, "aftersales.job": "1010"})
        self.assertTrue(self.foreman.has_group("aftersales_workshop.group_qc_inspector"))
        self.assertTrue(self.inspector.has_group("aftersales_reception.group_workshop_technician"))
        self.assertFalse(self.foreman.has_group("aftersales_reception.group_service_advisor"))
        self.assertTrue(self.manager.has_group("aftersales_workshop.group_workshop_foreman"))

    def test_foreman_finishes_and_reopens_jobs_from_the_forms(self):
        for view, model in (("repair.view_repair_order_form", "repair.order"),
                            ("aftersales_reception.aftersales_job_view_form", "aftersales.job")):
            for user, shown in ((self.foreman, True), (self.advisor, True), (self.inspector, False)):
                arch = etree.fromstring(
                    self.env[model].with_user(user).get_view(self.env.ref(view).id, "form")["arch"]
                )
                for button in ("action_mark_done", "action_reopen"):
                    self.assertEqual(bool(arch.xpath(f"//button[@name='{button}']")), shown,
                                     f"{button} of {model} for {user.login}")
        self.job.with_user(self.foreman).action_mark_done()
        self.assertEqual(self.job.state, "done")

    def test_foreman_cannot_change_labour_rate(self):
        with self.assertRaisesRegex(AccessError, "Only a service advisor or the service manager changes the labour"):
            self.job.with_user(self.foreman).write({"labour_rate": 1.0})
        self.assertEqual(self.job.labour_rate, 300.0)
        self.assertEqual(self.job.labour_amount, 300.0)

    def test_foreman_cannot_change_part_price(self):
        self.assertEqual(self.part.billing_price_unit, 58.0)
        with self.assertRaisesRegex(AccessError, "Only a service advisor or the service manager changes the price"):
            self.part.with_user(self.foreman).write({"billing_price_unit": 1.0})
        self.assertEqual(self.part.billing_price_unit, 58.0)
        self.assertEqual(self.job.parts_amount, 58.0)

    def test_foreman_keeps_the_settings_rate_of_a_new_payer(self):
        # What the form sends on a change of payer: the settings' rate of the new payer.
        self.job.with_user(self.foreman).write({"payer": "warranty", "labour_rate": 200.0})
        self.assertEqual(self.job.labour_rate, 200.0)
        self.assertEqual(self.job.labour_amount, 200.0)

    def test_rates_are_readonly_for_the_foreman(self):
        view = self.env.ref("repair.view_repair_order_form")
        arch = etree.fromstring(self.env["repair.order"].with_user(self.foreman).get_view(view.id, "form")["arch"])
        rates = arch.xpath("//field[@name='job_ids']//field[@name='labour_rate']")
        prices = arch.xpath("//field[@name='move_ids']//field[@name='billing_price_unit']")
        self.assertEqual([rate.get("readonly") for rate in rates], ["1"])
        self.assertEqual([price.get("readonly") for price in prices], ["1"])

    def test_only_the_manager_deletes_a_work_order(self):
        # Odoo's Inventory rights allow it; the after-sales order refuses all the same.
        other_car = self._create_vehicle(make_vin("LTV2A21K", "M3090077"), license_plate="浙A·W0077")
        check_in = self._check_in(52000, ["保养"], vehicle=other_car)
        check_in.action_create_work_order()
        draft = check_in.repair_id
        self.assertTrue(self.env["repair.order"].with_user(self.foreman).has_access("unlink"))
        with self.assertRaisesRegex(AccessError, "Only the service manager can delete a work order"):
            draft.with_user(self.foreman).unlink()
        self.assertTrue(draft.exists())
        repair = self.env["repair.order"].create({"partner_id": self.customer.id})
        repair.with_user(self.foreman).unlink()
        self.assertFalse(repair.exists(), "repairs outside after-sales keep Odoo's rules")
