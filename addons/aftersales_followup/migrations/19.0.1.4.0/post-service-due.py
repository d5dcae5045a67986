"""19.0.1.4.0 keeps each vehicle's last delivery and next service on the vehicle for the reminder run: the
vehicles get theirs from their orders once, set-based."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["fleet.vehicle"]._aftersales_sync_service_due()
