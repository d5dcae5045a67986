import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WarrantyCase

# A 1x1 PNG: the photo of the failed part.
PHOTO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestQualityFeedback(WarrantyCase):
    """质量信息反馈单: a failure reported to the manufacturer, printed and marked as sent by a step."""

    def _claim(self):
        order = self._pump_order(settle=False)
        return self.env["aftersales.warranty.claim"].with_user(self.clerk)._create_from_orders(order)

    def test_feedback_from_a_claim_printed_and_sent(self):
        claim = self._claim()
        photo = self.env["ir.attachment"].with_user(self.clerk).create({
            "name": "水泵渗漏.png", "raw": PHOTO, "mimetype": "image/png",
        })
        claim.with_user(self.clerk).attachment_ids = photo
        action = claim.with_user(self.clerk).action_create_quality_feedback()
        feedback = self.env["aftersales.quality.feedback"].browse(action["res_id"])
        self.assertRecordValues(feedback, [{
            "state": "draft", "manufacturer_id": self.manufacturer.id, "vehicle_id": self.vehicle.id,
            "mileage": 41000.0, "fault_category_id": self.fault_cooling.id, "fault_code": "P0217",
            "occurrence_count": 1, "claim_ids": claim.ids, "attachment_ids": photo.ids,
        }])
        self.assertTrue(feedback.name.startswith("ZL"))
        self.assertEqual(feedback.vin_sn, self.vehicle.vin_sn)
        self.assertIn(self.water_pump, feedback.part_ids)
        self.assertEqual(feedback.cause, claim.cause)

        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_warranty.action_report_quality_feedback", feedback.ids)[0].decode()
        self.assertIn("Quality Feedback Report", html)
        self.assertIn(self.vehicle.vin_sn, html)
        self.assertIn("data:image/png;base64", html, "the photos are on the paper form")

        feedback.with_user(self.clerk).write({"suggestion": "建议改进水泵密封圈材料"})
        feedback.with_user(self.clerk).action_mark_sent()
        self.assertRecordValues(feedback, [{"state": "sent", "sent_by_id": self.clerk.id}])
        self.assertTrue(feedback.sent_date)
        with self.assertRaisesRegex(UserError, "already sent"):
            feedback.with_user(self.clerk).action_mark_sent()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            feedback.with_user(self.clerk).write({"cause": "改"})
        with self.assertRaisesRegex(UserError, "is kept"):
            feedback.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "business step"):
            feedback.sudo().write({"state": "draft"})  # sudo: the superuser is refused too

    def test_failure_pattern_over_several_cars_needs_its_cause(self):
        other = self._create_vehicle(license_plate="浙A·V0002", sale_date="2024-03-01")
        feedback = self.env["aftersales.quality.feedback"].with_user(self.clerk).create({
            "title": "水泵早期渗漏", "manufacturer_id": self.manufacturer.id, "vehicle_id": self.vehicle.id,
            "description": "两台车4万公里内水泵渗漏",
        })
        with self.assertRaisesRegex(UserError, "the cause"):
            feedback.with_user(self.clerk).action_mark_sent()
        self.assertEqual(feedback.state, "draft")
        self.assertFalse(feedback.sent_date)
        claim = self._claim()
        feedback.with_user(self.clerk).write({"claim_ids": [(4, claim.id)], "cause": "密封圈老化",
                                              "vehicle_id": other.id})
        self.assertEqual(feedback.occurrence_count, 2)
        feedback.with_user(self.advisor).invalidate_recordset()
        with self.assertRaises(AccessError):
            feedback.with_user(self.advisor).action_mark_sent()
        self.assertEqual(feedback.state, "draft")
        feedback.with_user(self.manager).action_mark_sent()
        self.assertEqual((feedback.state, feedback.sent_by_id), ("sent", self.manager))
