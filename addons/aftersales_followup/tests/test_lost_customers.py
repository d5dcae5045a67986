from freezegun import freeze_time

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.aftersales_reception.tests.common import make_vin
from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestLostCustomers(VisitCase):
    """Who the lost-customer run flags: only a customer not seen for the configured months, and no car in the
    workshop now."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(cls.env, login="lost_agent", name="林晓",
                                  groups="aftersales_followup.group_followup_agent")
        cls.company.aftersales_lost_after_months = 12
        # Only the test's vehicles count for the run.
        cls.env["fleet.vehicle"].search([("vehicle_usage", "=", "customer")]).write({"active": False})

    def _vehicle(self, name, plate, serial, sale_date, visits=()):
        """A customer's car, with the visits of its history: check-in mileage readings [(day, km)]."""
        customer = self.env["res.partner"].search([("name", "=", name)], limit=1) \
            or self.env["res.partner"].create({"name": name})
        vehicle = self._create_vehicle(make_vin("LTV2A21K", serial), license_plate=plate,
                                       customer_id=customer.id, sale_date=sale_date)
        for day, mileage in visits:
            self.env["fleet.vehicle.odometer"].create({
                "vehicle_id": vehicle.id, "value": mileage, "date": day, "source": "check_in",
            })
        return vehicle

    def _lost_customers(self):
        """The agent's list of lost customers to call."""
        domain = safe_eval(self.env.ref("aftersales_followup.fleet_vehicle_lost_action").domain)
        return self.env["fleet.vehicle"].with_user(self.agent).search(domain)

    def test_only_customers_not_seen_are_lost(self):
        gone = self._vehicle("钱先生", "浙A·L0001", "M3098001", "2022-03-01", [("2024-05-01", 30000)])
        # 孙女士's old car has not been back since she bought it, but she came in March with her new one.
        sun_old = self._vehicle("孙女士", "浙A·L0002", "M3098002", "2021-06-01")
        sun_new = self._vehicle("孙女士", "浙A·L0003", "M3098003", "2025-01-10", [("2026-03-15", 15000)])
        # 赵先生 came nine months ago: a check-in of the history taken over, no work order here yet.
        zhao = self._vehicle("赵先生", "浙A·L0004", "M3098004", "2022-01-01", [("2025-09-01", 40000)])
        # 李先生's car came in for a long body repair a year and a half ago and is still in the workshop.
        li = self._vehicle("李先生", "浙A·L0005", "M3098005", "2021-01-01", [("2024-01-01", 50000)])
        with freeze_time("2025-01-10 02:00:00"):
            check_in = self._check_in(52000, ["追尾：后围板钣金喷漆"], vehicle=li)
            check_in.action_create_work_order()
            order = check_in.repair_id
            order.job_ids.labour_hours = 8.0
            self._confirm_five(order)
            order._record_approval("phone", "李先生")
        self.assertEqual(order.state, "confirmed")
        with freeze_time("2026-06-01"):
            self.assertEqual(self.env["fleet.vehicle"]._cron_detect_lost_customers(), 1)
            self.assertEqual(self.env["fleet.vehicle"]._cron_detect_lost_customers(), 0, "flagged once")
        self.assertEqual(self._lost_customers(), gone)
        self.assertEqual((gone.winback_state, gone.lost_since, gone.last_visit_date),
                         ("to_call", fields.Date.to_date("2026-06-01"), fields.Date.to_date("2024-05-01")))
        for vehicle in (sun_old, sun_new, zhao, li):
            self.assertFalse(vehicle.is_lost, vehicle.license_plate)
        # Delivered and gone since: a year after its delivery, 李先生's car is lost too.
        with freeze_time("2026-06-02 02:00:00"):
            order.action_repair_start()
            order.job_ids.action_mark_done()
            self._end_repair(order)
            order.with_user(self.advisor)._record_delivery(52010, False, 57010)
        with freeze_time("2027-06-03"):
            self.env["fleet.vehicle"]._cron_detect_lost_customers()
        self.assertIn(li, self._lost_customers())
        self.assertEqual(li.last_visit_date, fields.Date.to_date("2026-06-02"))
