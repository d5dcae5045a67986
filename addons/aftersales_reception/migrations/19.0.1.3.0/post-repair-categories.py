"""Work orders get a repair category in 19.0.1.3.0. The column is computed before the categories are loaded, so
the orders that existed before are given their proposed category once the data is in."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    orders = env["repair.order"].with_context(active_test=False).search(
        [("is_aftersales", "=", True), ("repair_category_id", "=", False)]
    )
    env.add_to_compute(orders._fields["repair_category_id"], orders)
    orders.flush_recordset(["repair_category_id"])
