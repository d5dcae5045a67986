from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """Retained old parts leave the stock: their location becomes virtual, outside the warehouses."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._aftersales_migrate_retained_locations()
