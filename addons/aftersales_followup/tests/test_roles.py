from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common import RECEPTION_READER_RIGHTS, AftersalesCase, make_vin


@tagged("post_install", "-at_install")
class TestFollowupRoles(AftersalesCase):
    """The follow-up agent on reception's records: books visits, records mileage, keeps contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(cls.env, login="roles_agent", groups="aftersales_followup.group_followup_agent")
        cls.vehicle = cls._create_vehicle(make_vin("LTV2A21K", "M3050071"))
        cls.env["fleet.vehicle.odometer"].create({"vehicle_id": cls.vehicle.id, "value": 100})

    def test_rights_on_reception_records(self):
        self.assertRights(self.agent, {
            **RECEPTION_READER_RIGHTS,
            "fleet.vehicle.odometer": "1010", "aftersales.appointment": "1110", "res.partner": "1111",
        })

    def test_agent_records_mileage_from_a_call(self):
        self.env["fleet.vehicle.odometer"].with_user(self.agent).create(
            {"vehicle_id": self.vehicle.id, "value": 900, "source": "follow_up"}
        )
        self.assertEqual(self.vehicle.current_mileage, 900)
