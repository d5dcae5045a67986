from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_warranty.tests.common import WarrantyCase


@tagged("post_install", "-at_install")
class TestRecallCalls(WarrantyCase):
    def test_agent_marks_a_recall_done_elsewhere(self):
        agent = new_test_user(self.env, login="recall_agent", groups="aftersales_followup.group_followup_agent")
        operation = self.env["aftersales.labour.operation"].create({
            "code": "42-R002", "name": "检查并更换制动软管", "standard_hours": 1.0,
        })
        campaign = self.env["aftersales.recall.campaign"].create({
            "name": "制动软管召回", "reference": "42R8", "brand_id": self.brand.id, "operation_id": operation.id,
        })
        line = self.env["aftersales.recall.line"].create({"campaign_id": campaign.id, "vin": self.vehicle.vin_sn})
        campaign.action_open()
        self.assertRights(agent, {"aftersales.recall.line": "1100", "aftersales.recall.campaign": "1000"})
        line.with_user(agent).action_done_elsewhere()
        self.assertEqual(line.state, "done_elsewhere")
