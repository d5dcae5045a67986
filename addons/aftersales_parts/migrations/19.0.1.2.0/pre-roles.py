"""The parts store declares its role: before 19.0.1.2.0 reception declared the parts clerk and the
Parts and Accessories privilege (now Parts: the accessories have their own).

The group, the privilege and the demo parts clerk keep their ids and their users: their external ids
are handed to this addon before its data files load. The privilege's name is translated afresh.
"""

from odoo.addons.aftersales_reception.tools.migrate import move_xmlids, reset_translations


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", "aftersales_parts", [
        "group_parts_clerk", "privilege_aftersales_parts", "demo_user_parts",
    ])
    reset_translations(cr, "res.groups.privilege", ["aftersales_parts.privilege_aftersales_parts"])
