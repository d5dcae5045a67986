from datetime import date

from odoo.addons.aftersales_reception.tests import common_visit


class VisitSteps(common_visit.VisitSteps):
    """What follow-up adds to the visits of the tests where it is installed: its rules' bad input."""

    roles = {
        "agent": ("aftersales_followup.group_followup_agent", "visit_steps_agent", "周婷"),
    }
    bad_input_cases = (
        ("reading of 3 billion km from a follow-up call", "agent", "fleet.vehicle.odometer", "create",
         lambda t: {"vehicle_id": t.vehicle.id, "value": 3e9, "date": date.today(), "source": "follow_up"},
         r"^A mileage reading of 3000000000 km for .+ is beyond the highest plausible reading of 2000000 km .+$"),
        ("campaign ending before it starts", "agent", "aftersales.campaign", "create",
         {"name": "冬季免费检测周", "date_start": "2027-01-10", "date_end": "2027-01-03"},
         r"^A campaign ends after it starts\.$"),
        ("campaign age range upside down", "agent", "aftersales.campaign", "create",
         {"name": "老车关怀", "date_start": "2027-01-10", "date_end": "2027-01-20", "min_age_years": 8,
          "max_age_years": 3},
         r"^The vehicle age range is upside down\.$"),
        ("campaign mileage range upside down", "agent", "aftersales.campaign", "create",
         {"name": "高里程关怀", "date_start": "2027-01-10", "date_end": "2027-01-20", "mileage_from": 100000,
          "mileage_to": 50000},
         r"^The mileage range is upside down\.$"),
    )
    bad_input_models = ("aftersales.campaign",)
