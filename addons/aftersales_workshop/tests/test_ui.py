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


@tagged("post_install", "-at_install")
class TestTechnicianTabletTour(HttpCase):
    # A tablet held landscape.
    browser_size = "1024x768"

    def test_technician_works_on_his_tablet(self):
        technician = new_test_user(self.env, login="tablet_technician", name="陈磊",
                                   groups="aftersales_reception.group_workshop_technician")
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tablet Motors"})
        model = self.env["fleet.vehicle.model"].create({"name": "Tablet Wagon", "brand_id": brand.id})
        customer = self.env["res.partner"].create({"name": "沙悟净"})

        def vehicle(plate, serial):
            return self.env["fleet.vehicle"].create({
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": model.id,
                "license_plate": plate, "vin_sn": make_vin("LTV9TAB0", serial),
            })

        order = self.env["repair.order"].create({
            "vehicle_id": vehicle("浙A·TAB01", "M3099101").id, "partner_id": customer.id,
            "job_ids": [Command.create({"name": "更换正时皮带", "labour_hours": 3.0})],
        })
        order.write({
            "confirm_jobs": True, "confirm_estimate": True, "promised_date": order.schedule_date,
            "confirm_promised_time": True, "replaced_parts_disposal": "customer_keeps", "car_wash": "no_wash",
        })
        order._record_approval("phone", "沙悟净")
        order.job_ids._assign_technicians(technician)
        # A car whose customer has not approved the estimate: its job, dispatched to him, is no work yet.
        waiting = self.env["repair.order"].create({
            "vehicle_id": vehicle("浙A·TAB02", "M3099102").id, "partner_id": customer.id,
            "job_ids": [Command.create({"name": "检查异响", "labour_hours": 0.5})],
        })
        waiting.job_ids._assign_technicians(technician)

        self.start_tour("/odoo", "aftersales_technician_tablet", login="tablet_technician")

        belt = order.job_ids.filtered(lambda job: job.name == "更换正时皮带")
        self.assertEqual(belt.state, "done")
        self.assertEqual(len(belt.clock_ids), 1)
        self.assertTrue(belt.clock_ids.stop)
        found = order.job_ids - belt
        self.assertEqual(
            (found.name, found.additional_reason, found.labour_hours, found.is_additional, found.state),
            ("更换前刹车片", "刹车片只剩 2 mm", 1.5, True, "proposed"),
        )
        self.assertEqual(found.create_uid, technician)
        self.assertIn("更换前刹车片", order.activity_ids.mapped("summary")[0])
        self.assertEqual(waiting.job_ids.work_state, "waiting")
