"""19.0.1.4.0 keeps each vehicle's last delivery and next service on the vehicle for the reminder run: the
vehicles get theirs from their orders once, set-based. The reminders' index on the vehicle alone goes: their
unique key (vehicle, kind, due date) serves the same lookups."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["fleet.vehicle"]._aftersales_sync_service_due()
    cr.execute("DROP INDEX IF EXISTS aftersales_reminder__vehicle_id_index")
