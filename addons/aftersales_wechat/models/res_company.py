import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import LockError, ValidationError

from ..tools import WechatApi, WechatError

# A cached access token is replaced this long before WeChat expires it.
TOKEN_REFRESH_MARGIN = timedelta(minutes=5)


class ResCompany(models.Model):
    _inherit = "res.company"

    wechat_enabled = fields.Boolean(
        string="WeChat Messages",
        help="Customers who prefer WeChat and bound their WeChat get the visit's messages on the service account.")
    wechat_app_id = fields.Char(string="WeChat AppID", groups="base.group_system")
    wechat_app_secret = fields.Char(string="WeChat AppSecret", groups="base.group_system")
    wechat_callback_token = fields.Char(
        string="WeChat Server Token", groups="base.group_system", copy=False,
        default=lambda self: secrets.token_hex(16),
        help="The token entered in the service account's server configuration: WeChat signs its calls with it.")
    wechat_access_token = fields.Char(string="WeChat Access Token", groups="base.group_system", copy=False,
                                      readonly=True)
    # Copied with the company: without the token (not copied) the expiry alone makes no request.
    wechat_token_expiry = fields.Datetime(string="WeChat Token Expiry", groups="base.group_system", readonly=True)
    wechat_max_retries = fields.Integer(
        string="WeChat Retries", default=3,
        help="How many times a message WeChat could not be reached for is sent again before the SMS is sent.")
    wechat_binding_link_days = fields.Integer(
        string="Binding Link Validity (Days)", default=30,
        help="How long the binding link and QR code printed on the forms stay valid.")

    @api.constrains("wechat_max_retries", "wechat_binding_link_days")
    def _check_wechat_settings(self):
        for company in self:
            if company.wechat_max_retries < 0 or company.wechat_binding_link_days < 1:
                raise ValidationError(self.env._(
                    "WeChat retries cannot be negative and the binding link must stay valid at least one day."))

    def _wechat_api(self):
        self.ensure_one()
        company_sudo = self.sudo()  # sudo: the service account's credentials are system-only fields
        return WechatApi(company_sudo.wechat_app_id, company_sudo.wechat_app_secret)

    def _wechat_access_token(self, api, refused_token=None):
        """The company's access token, cached until shortly before it expires.

        ``refused_token``: WeChat refused this token (40001/42001): a new one is fetched unless another worker
        replaced it already. Fetched under the company's row lock, so that two workers do not refresh at once
        (WeChat would invalidate the first one's token); a worker that finds the row locked tries later.
        """
        self.ensure_one()
        company_sudo = self.sudo()  # sudo: the token cache is a system-only field
        if self._wechat_token_usable(company_sudo, refused_token):
            return company_sudo.wechat_access_token
        try:
            company_sudo.lock_for_update(allow_referencing=True)
        except LockError:
            raise WechatError("access token refresh under way") from None
        company_sudo.invalidate_recordset(["wechat_access_token", "wechat_token_expiry"])
        if self._wechat_token_usable(company_sudo, refused_token):
            return company_sudo.wechat_access_token
        token, expires_in = api.fetch_access_token()
        company_sudo.write({
            "wechat_access_token": token,
            "wechat_token_expiry": fields.Datetime.now() + timedelta(seconds=expires_in),
        })
        return token

    @staticmethod
    def _wechat_token_usable(company_sudo, refused_token):
        token, expiry = company_sudo.wechat_access_token, company_sudo.wechat_token_expiry
        return bool(token and token != refused_token and expiry
                    and expiry > fields.Datetime.now() + TOKEN_REFRESH_MARGIN)

    def _wechat_callback_url(self):
        """The server address (服务器地址) to enter in the service account's settings."""
        self.ensure_one()
        return f"{self.get_base_url()}/aftersales_wechat/callback/{self.id}"
