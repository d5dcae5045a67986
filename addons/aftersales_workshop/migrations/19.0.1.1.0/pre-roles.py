"""The workshop declares its roles: before 19.0.1.1.0 reception declared the QC inspector and the foreman.

Their groups, the foreman's right on reception's jobs and the demo users holding them keep their ids and
their users: their external ids are handed to this addon before its data files load.
"""

from odoo.addons.aftersales_reception.tools.migrate import move_xmlids


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", "aftersales_workshop", [
        "group_qc_inspector", "group_workshop_foreman", "access_aftersales_job_foreman",
        "demo_user_foreman", "demo_user_qc",
    ])
