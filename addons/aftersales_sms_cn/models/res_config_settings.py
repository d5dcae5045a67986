from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    sms_cn_provider = fields.Selection(related="company_id.sms_cn_provider", readonly=False)
    sms_cn_sign_name = fields.Char(related="company_id.sms_cn_sign_name", readonly=False,
                                   groups="base.group_system")
    sms_cn_aliyun_access_key_id = fields.Char(related="company_id.sms_cn_aliyun_access_key_id", readonly=False,
                                              groups="base.group_system")
    sms_cn_aliyun_access_key_secret = fields.Char(related="company_id.sms_cn_aliyun_access_key_secret",
                                                  readonly=False, groups="base.group_system")
    sms_cn_tencent_secret_id = fields.Char(related="company_id.sms_cn_tencent_secret_id", readonly=False,
                                           groups="base.group_system")
    sms_cn_tencent_secret_key = fields.Char(related="company_id.sms_cn_tencent_secret_key", readonly=False,
                                            groups="base.group_system")
    sms_cn_tencent_sdk_app_id = fields.Char(related="company_id.sms_cn_tencent_sdk_app_id", readonly=False,
                                            groups="base.group_system")
    sms_cn_tencent_region = fields.Char(related="company_id.sms_cn_tencent_region", readonly=False,
                                        groups="base.group_system")
    sms_cn_max_retries = fields.Integer(related="company_id.sms_cn_max_retries", readonly=False)
    sms_cn_report_url = fields.Char(string="Delivery Report Address", compute="_compute_sms_cn_report_url",
                                    groups="base.group_system")

    def _compute_sms_cn_report_url(self):
        for settings in self:
            settings.sms_cn_report_url = (settings.company_id._sms_cn_report_url()
                                          if settings.sms_cn_provider in ("aliyun", "tencent") else False)
