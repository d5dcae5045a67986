from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    wechat_enabled = fields.Boolean(related="company_id.wechat_enabled", readonly=False)
    wechat_app_id = fields.Char(related="company_id.wechat_app_id", readonly=False, groups="base.group_system")
    wechat_app_secret = fields.Char(related="company_id.wechat_app_secret", readonly=False,
                                    groups="base.group_system")
    wechat_callback_token = fields.Char(related="company_id.wechat_callback_token", readonly=False,
                                        groups="base.group_system")
    wechat_max_retries = fields.Integer(related="company_id.wechat_max_retries", readonly=False)
    wechat_binding_link_days = fields.Integer(related="company_id.wechat_binding_link_days", readonly=False)
    wechat_callback_url = fields.Char(string="WeChat Server Address", compute="_compute_wechat_callback_url")

    def _compute_wechat_callback_url(self):
        for settings in self:
            settings.wechat_callback_url = settings.company_id._wechat_callback_url()
