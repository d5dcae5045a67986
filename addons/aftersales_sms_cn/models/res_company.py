import secrets

from odoo import fields, models

from ..tools.sms_api import SmsApiAliyun, SmsApiTencent

SMS_CN_API_CLASSES = {"aliyun": SmsApiAliyun, "tencent": SmsApiTencent}


class ResCompany(models.Model):
    _inherit = "res.company"

    sms_cn_provider = fields.Selection(
        [("odoo", "Odoo's SMS service"), ("aliyun", "Aliyun SMS"), ("tencent", "Tencent Cloud SMS")],
        string="SMS Gateway", default="odoo", required=True,
        help="Aliyun SMS and Tencent Cloud SMS only send the templates they approved: map each after-sales "
             "SMS template to its gateway template code.")
    sms_cn_sign_name = fields.Char(
        string="SMS Signature", groups="base.group_system",
        help="The signature (签名) approved by the gateway, without the brackets.")
    sms_cn_aliyun_access_key_id = fields.Char(string="Aliyun AccessKey ID", groups="base.group_system")
    sms_cn_aliyun_access_key_secret = fields.Char(string="Aliyun AccessKey Secret", groups="base.group_system")
    sms_cn_tencent_secret_id = fields.Char(string="Tencent SecretId", groups="base.group_system")
    sms_cn_tencent_secret_key = fields.Char(string="Tencent SecretKey", groups="base.group_system")
    sms_cn_tencent_sdk_app_id = fields.Char(string="Tencent SMS SdkAppId", groups="base.group_system")
    sms_cn_tencent_region = fields.Char(string="Tencent Region", default="ap-guangzhou", groups="base.group_system")
    sms_cn_report_token = fields.Char(
        string="Delivery Report Token", groups="base.group_system", copy=False,
        default=lambda self: secrets.token_hex(16),
        help="Secret part of the delivery report address given to the gateway.")
    sms_cn_max_retries = fields.Integer(
        string="SMS Retries", default=3,
        help="How many times an SMS the gateway could not be reached for is sent again before it fails.")

    def _get_sms_api_class(self):
        self.ensure_one()
        if self.sms_cn_provider in SMS_CN_API_CLASSES:
            return SMS_CN_API_CLASSES[self.sms_cn_provider]
        return super()._get_sms_api_class()

    def _sms_cn_report_url(self):
        """The address to enter in the gateway's console for delivery reports (状态报告)."""
        self.ensure_one()
        # sudo: the report token is a system-only field; the address is shown to the administrator only
        company_sudo = self.sudo()  # sudo: the report token is a system-only field
        return f"{company_sudo.get_base_url()}/aftersales_sms_cn/report/{company_sudo.sms_cn_provider}/" \
               f"{company_sudo.sms_cn_report_token}"
