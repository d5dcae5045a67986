from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.aftersales_reception.tests.common import make_vin

from .common import WarrantyCase


@tagged("post_install", "-at_install")
class TestRecall(WarrantyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspection = cls.env["aftersales.labour.operation"].create({
            "code": "42-R001", "name": "检查并更换后轴纵臂", "standard_hours": 1.5,
        })
        cls.other_vehicle = cls._create_vehicle(make_vin("LTV2A21K", "M3090002"), license_plate="浙A·V0002")
        cls.campaign = cls.env["aftersales.recall.campaign"].create({
            "name": "后轴纵臂召回", "reference": "42R7", "brand_id": cls.brand.id,
            "operation_id": cls.inspection.id,
            "part_ids": [Command.create({"product_id": cls.brake_pads.id, "quantity": 2})],
        })

    def _import_vins(self, vins):
        result = self.env["aftersales.recall.line"].load(
            ["campaign_id/.id", "vin"], [[str(self.campaign.id), vin] for vin in vins],
        )
        self.assertFalse(result["messages"], result["messages"])
        return self.env["aftersales.recall.line"].browse(result["ids"])

    def test_import_and_match_vins(self):
        lines = self._import_vins([self.vehicle.vin_sn.lower(), self.other_vehicle.vin_sn, "LFV0000000000UNKN"])
        self.assertEqual(lines.vehicle_id, self.vehicle | self.other_vehicle)
        self.assertEqual(lines[0].vin, self.vehicle.vin_sn, "the VIN is normalised as typed in the file")
        self.assertEqual(self.campaign.unmatched_count, 1)
        self.assertEqual(self.vehicle.open_recall_count, 0, "a draft campaign is not proposed yet")
        self.campaign.action_open()
        self.vehicle.invalidate_recordset(["open_recall_count", "open_recall_names"])
        self.assertEqual(self.vehicle.open_recall_count, 1)
        self.assertIn("42R7", self.vehicle.open_recall_names)
        Vehicle = self.env["fleet.vehicle"]
        with_recall = Vehicle.search([("open_recall_count", ">", 0)])
        self.assertEqual(with_recall & (self.vehicle | self.other_vehicle), self.vehicle | self.other_vehicle)
        without = Vehicle.search([("open_recall_count", "=", 0), ("id", "in", (self.vehicle | self.other_vehicle).ids)])
        self.assertFalse(without)

    def test_recall_job_added_at_check_in_and_done_here(self):
        line, other, unknown = self._import_vins(
            [self.vehicle.vin_sn, self.other_vehicle.vin_sn, "LFV0000000000UNKN"]
        )
        self.campaign.action_open()
        appointment = self.env["aftersales.appointment"].new({"vehicle_id": self.vehicle.id})
        self.assertEqual(appointment.open_recall_count, 1)
        check_in = self._check_in(41000, ["保养"])
        self.assertEqual(check_in.open_recall_count, 1)
        check_in.action_create_work_order()
        order = check_in.repair_id
        recall_job = order.job_ids.filtered("recall_line_id")
        self.assertEqual(recall_job.recall_line_id, line)
        self.assertEqual((recall_job.payer, recall_job.operation_id, recall_job.labour_hours),
                         ("warranty", self.inspection, 1.5))
        self.assertEqual(recall_job.move_ids.product_id, self.brake_pads)
        self.assertEqual(recall_job.move_ids.product_uom_qty, 2)
        self.assertEqual(len(order.job_ids), 2, "the concern and the recall")
        # The order is approved, worked and finished: the campaign line is done here.
        order.job_ids.write({"labour_hours": 1.0})
        recall_job.labour_hours = 1.5
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self._finish(order)
        self.assertEqual(line.state, "done_here")
        self.assertEqual(line.repair_id, order)
        with self.assertRaisesRegex(UserError, "cannot be reopened"):
            line.action_reopen()
        other.action_done_elsewhere()
        self.assertAlmostEqual(self.campaign.completion_rate, 200.0 / 3, places=2)
        unknown.action_not_applicable()
        self.assertEqual(self.campaign.completion_rate, 100.0)
        self.assertEqual((self.campaign.done_count, self.campaign.vehicle_count), (2, 2))
        # The next check-in proposes nothing: the recall is done.
        self.vehicle.invalidate_recordset(["open_recall_count"])
        self.assertEqual(self.vehicle.open_recall_count, 0)

    def test_import_by_campaign_reference(self):
        """The manufacturer's file names the campaign by its reference, as a clerk would type it."""
        result = self.env["aftersales.recall.line"].load(["campaign_id", "vin"], [["42R7", self.vehicle.vin_sn]])
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(self.campaign.line_ids.vehicle_id, self.vehicle)

    def test_closed_campaign_is_not_proposed(self):
        self._import_vins([self.vehicle.vin_sn])
        self.campaign.action_open()
        self.campaign.action_close()
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        self.assertFalse(check_in.repair_id.job_ids.filtered("recall_line_id"))

    def test_campaign_guards(self):
        with self.assertRaisesRegex(UserError, "Import the affected VINs"):
            self.campaign.action_open()
        line = self._import_vins([self.vehicle.vin_sn])
        self.campaign.action_open()
        line.action_not_applicable()
        with self.assertRaisesRegex(UserError, "Only open recall lines"):
            line.action_done_elsewhere()
        line.action_reopen()
        self.assertEqual(line.state, "open")

    def test_vehicle_file_recall_button(self):
        """The vehicle file's recall button opens the vehicle's recall lines, not another car's."""
        line, _other = self._import_vins([self.vehicle.vin_sn, self.other_vehicle.vin_sn])
        self.campaign.action_open()
        vehicle = self.vehicle.with_user(self.advisor)
        self.assertEqual(vehicle.open_recall_count, 1)
        action = vehicle.action_view_recalls()
        self.assertEqual(action["res_model"], "aftersales.recall.line")
        self.assertEqual(self.env["aftersales.recall.line"].with_user(self.advisor).search(action["domain"]), line)
