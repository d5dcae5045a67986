from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._aftersales_set_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if "group_ids" in vals:
            self._aftersales_set_home_action()
        return res

    def _aftersales_set_home_action(self):
        """After-sales staff land in the After-sales app after login, not in Discuss: users given an after-sales
        role and no home action of their own get the app's."""
        role = self.env.ref("aftersales_reception.group_aftersales_user", raise_if_not_found=False)
        home = self.env.ref("aftersales_reception.action_aftersales_home", raise_if_not_found=False)
        if role and home:
            self.filtered(lambda user: not user.action_id and not user.share and role in user.all_group_ids).write(
                {"action_id": home.id}
            )

    @api.model
    def _aftersales_role_users(self, role, company=None):
        """Internal users holding an after-sales role, named by its XML id (each addon owns its roles),
        e.g. ``"aftersales_reception.group_workshop_technician"``.

        The service manager implies every role but does not work the call lists or the
        workshop, so the manager is left out of every role but their own.
        """
        manager_role = "aftersales_reception.group_service_manager"
        users = self.env.ref(role).sudo().all_user_ids.filtered(  # sudo: holders in companies the reader cannot see
            lambda user: not user.share and (not company or company in user.company_ids)
        )
        if role != manager_role:
            users -= self.env.ref(manager_role).all_user_ids
        return users
