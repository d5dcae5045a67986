"""Warranty declares its role: before 19.0.1.1.0 reception declared the warranty clerk and the Warranty
and Insurance privilege (now Warranty: insurance has its own), and the parts store the clerk's right on
old parts.

The group, the privilege, the right and the demo warranty clerk keep their ids and their users: their
external ids are handed to this addon before its data files load. The privilege's name is translated afresh.
The follow-up agent's right on recall vehicles goes to the bridge of warranty and follow-up, installed in
this upgrade when follow-up is there.
"""

from odoo.addons.aftersales_reception.tools.migrate import install_with_upgrade, move_xmlids, reset_translations


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", "aftersales_warranty", {
        "group_warranty_clerk": "group_warranty_clerk",
        "privilege_aftersales_claims": "privilege_aftersales_warranty",
        "demo_user_warranty": "demo_user_warranty",
    })
    move_xmlids(cr, "aftersales_parts", "aftersales_warranty", ["access_replaced_part_warranty_clerk"])
    reset_translations(cr, "res.groups.privilege", ["aftersales_warranty.privilege_aftersales_warranty"])
    bridge = "aftersales_warranty_followup"
    if install_with_upgrade(cr, bridge, ["aftersales_warranty", "aftersales_followup"]):
        move_xmlids(cr, "aftersales_warranty", bridge, ["access_aftersales_recall_line_followup"])
