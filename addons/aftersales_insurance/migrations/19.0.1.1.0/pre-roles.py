"""Insurance declares its role: before 19.0.1.1.0 reception declared the insurance clerk.

The group and the demo insurance clerk keep their ids and their users: their external ids are handed to
this addon before its data files load. The clerk moves to insurance's own privilege.
"""

from odoo.addons.aftersales_reception.tools.migrate import move_xmlids


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", "aftersales_insurance", ["group_insurance_clerk", "demo_user_insurance"])
