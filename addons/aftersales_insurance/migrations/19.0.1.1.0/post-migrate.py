"""The insurance case alone names the insurer and the claim number of a work order.

Before 19.0.1.1.0 the work order held them too (``repair_order.insurer_id`` and
``insurance_claim_ref``, columns the ORM leaves in place): an order that named an insurer without a
case gets a reported case with them, so its insurance jobs can still be billed to that insurer.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, "repair_order", "insurer_id"):
        return
    cr.execute(SQL("""
        SELECT ro.id, ro.insurer_id, ro.insurance_claim_ref
          FROM repair_order ro
         WHERE ro.insurer_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM aftersales_insurance_case c WHERE c.repair_id = ro.id)
    """))
    rows = cr.fetchall()
    if rows:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env["aftersales.insurance.case"].create([
            {"repair_id": order_id, "insurer_id": insurer_id, "claim_number": claim_ref}
            for order_id, insurer_id, claim_ref in rows
        ])
