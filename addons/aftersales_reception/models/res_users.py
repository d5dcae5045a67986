from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

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
