"""Work orders are marked as after-sales orders (``is_aftersales``) instead of being recognised by
their vehicle: the orders opened before 19.0.1.1.0 for a vehicle are after-sales orders."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL(
        "UPDATE repair_order SET is_aftersales = TRUE WHERE vehicle_id IS NOT NULL AND is_aftersales IS NOT TRUE"
    ))
