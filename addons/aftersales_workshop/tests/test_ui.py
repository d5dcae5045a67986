from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import make_vin


@tagged("post_install", "-at_install")
class TestTechnicianTour(HttpCase):
    def test_technician_start_pause_finish(self):
        technician = new_test_user(self.env, login="tour_technician", name="陈磊",
                                   groups="aftersales_reception.group_workshop_technician")
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Motors 3"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tour Wagon", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "沙悟净"})
        vehicle = self.env["fleet.vehicle"].create({
            "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
            "license_plate": "浙A·TOUR3", "vin_sn": make_vin("LTV9T0UR", "M3099001"),
        })
        order = self.env["repair.order"].create({
            "vehicle_id": vehicle.id, "partner_id": customer.id,
            "job_ids": [Command.create({"name": "更换正时皮带", "labour_hours": 3.0}),
                        Command.create({"name": "检查底盘", "labour_hours": 0.5})],
        })
        order.write({
            "confirm_jobs": True, "confirm_estimate": True, "promised_date": order.schedule_date,
            "confirm_promised_time": True, "replaced_parts_disposal": "customer_keeps", "car_wash": "no_wash",
        })
        order._record_approval("phone", "沙悟净")
        order.job_ids._assign_technicians(technician)
        self.start_tour("/odoo/action-aftersales_workshop.aftersales_job_my_action", "aftersales_technician_clocking",
                        login="tour_technician")
        belt = order.job_ids.filtered(lambda job: job.name == "更换正时皮带")
        self.assertEqual(belt.state, "done")
        self.assertEqual(len(belt.clock_ids), 2)
        self.assertEqual(belt.clock_ids.sorted("id")[0].pause_reason, "parts")
        self.assertEqual(order.state, "under_repair")
