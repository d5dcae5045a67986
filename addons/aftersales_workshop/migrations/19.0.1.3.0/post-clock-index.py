"""The clocks' index on the technician alone gave way to the index on (technician, start) in 19.0.1.3.0."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("DROP INDEX IF EXISTS aftersales_job_clock__technician_id_index"))
