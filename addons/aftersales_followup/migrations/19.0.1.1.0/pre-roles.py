"""Follow-up declares its role: before 19.0.1.1.0 reception declared the follow-up agent, the Customer
Care privilege and the agent's rights on mileage readings and appointments.

The group, the privilege, the rights and the demo agent keep their ids and their users: their external
ids are handed to this addon before its data files load.
"""

from odoo.addons.aftersales_reception.tools.migrate import move_xmlids


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", "aftersales_followup", [
        "group_followup_agent", "privilege_aftersales_customer_care", "demo_user_followup",
        "access_fleet_vehicle_odometer_followup_agent", "access_aftersales_appointment_followup",
    ])
