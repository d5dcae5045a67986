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

    def _aftersales_home_action(self):
        """The After-sales app as the user opens it from the home menu: the first screen of it the user may see
        (following the menus' order), for the users' home action."""
        root = self.env.ref("aftersales_reception.menu_aftersales_root")
        visible = self.search([("id", "child_of", root.id)])  # only the menus the user's groups show
        todo = [root]
        while todo:
            menu = todo.pop(0)
            if menu.action and menu.action._name in ("ir.actions.act_window", "ir.actions.client"):
                return menu.action._get_action_dict()
            todo[:0] = (menu.child_id & visible).sorted(lambda child: (child.sequence, child.id))
        return False
