from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _aftersales_role_users(self, role, company=None):
        """Internal users holding an after-sales role (e.g. ``"group_followup_agent"``).

        The service manager implies every role but does not work the call lists or the
        workshop, so the manager is left out of every role but their own.
        """
        users = self.env.ref(f"aftersales_reception.{role}").sudo().all_user_ids.filtered(
            lambda user: not user.share and (not company or company in user.company_ids)
        )
        if role != "group_service_manager":
            users -= self.env.ref("aftersales_reception.group_service_manager").sudo().all_user_ids
        return users
