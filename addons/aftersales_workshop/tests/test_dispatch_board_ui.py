from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin, use_chinese


@tagged("post_install", "-at_install")
class TestDispatchBoardTours(HttpCase):
    """The foreman's dispatch board and the QC inspector's queue, in the browser, each with the role's login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tech_wu = new_test_user(cls.env, login="tour_tech_wu", name="吴师傅",
                                    groups="aftersales_reception.group_workshop_technician")
        cls.tech_ma = new_test_user(cls.env, login="tour_tech_ma", name="马师傅",
                                    groups="aftersales_reception.group_workshop_technician")
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors 5"})
        cls.car_model = cls.env["fleet.vehicle.model"].create({"name": "Tour Wagon", "brand_id": brand.id})
        cls.customer = cls.env["res.partner"].create({"name": "猪八戒"})

    def _approved_order(self, plate, serial, jobs):
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": self.customer.id, "model_id": self.car_model.id,
            "license_plate": plate, "vin_sn": make_vin("LTV9T0UR", serial),
        })
        order = self.env["repair.order"].create({
            "vehicle_id": vehicle.id, "partner_id": self.customer.id,
            "job_ids": [Command.create({"name": name, "labour_hours": hours}) for name, hours in jobs],
        })
        order.write({
            "confirm_jobs": True, "confirm_estimate": True, "promised_date": order.schedule_date,
            "confirm_promised_time": True, "replaced_parts_disposal": "customer_keeps", "car_wash": "no_wash",
        })
        order._record_approval("phone", "猪八戒")
        return order

    def test_foreman_dispatches_on_the_board(self):
        foreman = new_test_user(self.env, login="tour_foreman", name="赵主管",
                                groups="aftersales_workshop.group_workshop_foreman")
        use_chinese(self.env, foreman)
        order = self._approved_order("浙A·TOUR5", "M5099001", [("更换正时皮带", 3.0), ("检查底盘", 0.5)])
        self.start_tour("/odoo/action-aftersales_workshop.aftersales_job_dispatch_action", "aftersales_dispatch_board",
                        login="tour_foreman")
        belt, chassis = order.job_ids.sorted("id")
        self.assertEqual([(a.technician_id, a.share, a.sold_hours) for a in belt.assignment_ids],
                         [(self.tech_wu, 100.0, 3.0)])
        self.assertEqual([(a.technician_id, a.share, a.sold_hours) for a in chassis.assignment_ids],
                         [(self.tech_ma, 100.0, 0.5)])
        self.assertEqual((belt.dispatch_technician_id, chassis.dispatch_technician_id), (self.tech_wu, self.tech_ma))

    def test_inspector_queue(self):
        inspector = new_test_user(self.env, login="tour_qc", name="孙质检",
                                  groups="aftersales_workshop.group_qc_inspector")
        use_chinese(self.env, inspector)
        order = self._approved_order("浙A·TOUR6", "M6099001", [("更换刹车片", 1.2)])
        order.job_ids._dispatch(self.tech_wu)
        order.job_ids.with_user(self.tech_wu).action_clock_start()
        order.job_ids.with_user(self.tech_wu).action_clock_finish()
        self.assertEqual(order.job_ids.state, "done")
        self.start_tour("/odoo/action-aftersales_workshop.repair_order_qc_queue_action", "aftersales_qc_queue",
                        login="tour_qc")
        check = order.quality_check_ids
        self.assertEqual((check.state, check.inspector_id.login, check.decision_user_id.login),
                         ("passed", "tour_qc", "tour_qc"))
        self.assertEqual(order.quality_state, "passed")
