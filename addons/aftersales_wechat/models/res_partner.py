from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import hash_sign, verify_hash_signed

from odoo.addons.aftersales_reception.tools import business_step
from odoo.addons.aftersales_reception.tools.lock import lock_records

BINDING_SCOPE = "aftersales_wechat.bind"


class ResPartner(models.Model):
    _inherit = ["res.partner", "aftersales.step.mixin"]
    _name = "res.partner"

    wechat_openid = fields.Char(
        string="WeChat OpenID", copy=False, readonly=True, index="btree_not_null", aftersales_step=True,
        help="The customer's id on the dealer's WeChat service account, set when the customer scans the binding "
             "QR code.")
    wechat_company_id = fields.Many2one(
        "res.company", string="WeChat Service Account", copy=False, readonly=True, aftersales_step=True,
        help="The company whose service account the customer is bound to.")
    wechat_bound_date = fields.Datetime(string="WeChat Bound On", copy=False, readonly=True, aftersales_step=True)
    wechat_binding_url = fields.Char(
        string="WeChat Binding Link", compute="_compute_wechat_binding_url",
        help="Send it to the customer, who opens it in WeChat to receive the visit's messages there.")

    _unique_wechat_openid = models.Constraint(
        "UNIQUE(wechat_openid, wechat_company_id)",
        "This WeChat account is already bound to another customer of the company.",
    )

    def _compute_wechat_binding_url(self):
        for partner in self:
            partner.wechat_binding_url = partner._aftersales_wechat_binding_url() if partner.id else False

    def _aftersales_wechat_binding_token(self, company):
        self.ensure_one()
        # sudo: the signing secret is a system parameter
        return hash_sign(self.env(su=True), BINDING_SCOPE, {"partner": self.id, "company": company.id},
                         expiration_hours=max(company.wechat_binding_link_days, 1) * 24)

    def _aftersales_wechat_binding_url(self, company=None):
        """The signed link (and QR code) a customer opens in WeChat to bind it; False when WeChat is off."""
        self.ensure_one()
        company = company or self.env.company
        if not company.wechat_enabled or not self.id:
            return False
        token = self._aftersales_wechat_binding_token(company)
        return f"{company.get_base_url()}/aftersales_wechat/bind/{token}"

    @api.model
    def _aftersales_wechat_check_binding_token(self, token):
        """(partner, company) of a binding link, or None when the link is forged, expired or the customer gone."""
        try:
            # sudo: the signing secret is a system parameter
            values = verify_hash_signed(self.env(su=True), BINDING_SCOPE, token)
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(values, dict):
            return None
        partner = self.browse(values.get("partner")).exists()
        company = self.env["res.company"].browse(values.get("company")).exists()
        if not partner or not company or not company.wechat_enabled:
            return None
        return partner, company

    @business_step
    def _aftersales_wechat_bind(self, openid, company):
        """The customer opened the binding link in WeChat: the account is bound to the contact."""
        self.ensure_one()
        lock_records(self)
        if not openid:
            raise UserError(self.env._("WeChat did not give the customer's account."))
        if self.wechat_openid == openid and self.wechat_company_id == company:
            return False
        other = self.search([("wechat_openid", "=", openid), ("wechat_company_id", "=", company.id),
                             ("id", "!=", self.id)], limit=1)
        if other:
            raise UserError(self.env._(
                "This WeChat account is already bound to another customer of %(company)s.", company=company.name))
        self.write({"wechat_openid": openid, "wechat_company_id": company.id,
                    "wechat_bound_date": fields.Datetime.now()})
        self.message_post(body=self.env._("WeChat bound to the service account of %(company)s.",
                                          company=company.name),
                          message_type="notification", subtype_xmlid="mail.mt_note")
        return True

    @business_step
    def action_wechat_unbind(self):
        """The customer no longer wants WeChat messages on this account: the messages go by SMS again."""
        partners = self.filtered("wechat_openid")
        if not partners:
            raise UserError(self.env._("This customer has not bound WeChat."))
        lock_records(partners)
        partners.write({"wechat_openid": False, "wechat_company_id": False, "wechat_bound_date": False})
        for partner in partners:
            partner.message_post(body=self.env._("WeChat unbound."), message_type="notification",
                                 subtype_xmlid="mail.mt_note")
        return True
