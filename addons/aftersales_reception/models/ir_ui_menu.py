from odoo import models

from .aftersales_job import PRICES_GROUP


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        # The workshop floor (technicians and QC inspectors with no other after-sales role) works on a tablet in
        # After-sales and Discuss: the Dashboards app every internal user gets shows them nothing.
        res = super()._load_menus_blacklist()
        user = self.env.user
        if user.has_group("aftersales_reception.group_workshop_technician") and not user.has_group(PRICES_GROUP):
            dashboards = self.env.ref("spreadsheet_dashboard.spreadsheet_dashboard_menu_root", raise_if_not_found=False)
            if dashboards:
                res.append(dashboards.id)
        return res
