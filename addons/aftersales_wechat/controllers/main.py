import logging
from urllib.parse import urlencode

from lxml import etree

from odoo.exceptions import UserError
from odoo.http import Controller, request, route

from ..tools import WechatError
from ..tools.wechat_api import OAUTH_AUTHORIZE_URL, wechat_signature_valid

_logger = logging.getLogger(__name__)

# No entities, no network: the event body comes from the internet.
SAFE_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


class WechatController(Controller):

    def _binding_page(self, title, message, success=False, status=200):
        response = request.render("aftersales_wechat.binding_page", {
            "title": title, "message": message, "success": success})
        response.status_code = status
        return response

    @route("/aftersales_wechat/bind/<string:token>", type="http", auth="public", methods=["GET"],
           sitemap=False)
    def wechat_bind(self, token, code=None, **kwargs):
        """The binding link of a customer: opened in WeChat, it asks WeChat who the customer is (OAuth, silent
        snsapi_base scope) and comes back here with a code exchanged for the customer's openid."""
        env = request.env
        # sudo: public route; the signed link names the customer and the company
        found = env["res.partner"].sudo()._aftersales_wechat_check_binding_token(token)
        if not found:
            return self._binding_page(
                env._("Link not valid"),
                env._("This binding link is not valid or has expired. Ask your service advisor for a new one."),
                status=404)
        partner, company = found
        api = company._wechat_api()
        if not code:
            query = urlencode({
                "appid": api.app_id, "redirect_uri": f"{company.get_base_url()}/aftersales_wechat/bind/{token}",
                "response_type": "code", "scope": "snsapi_base", "state": "bind",
            })
            return request.redirect(f"{OAUTH_AUTHORIZE_URL}?{query}#wechat_redirect", local=False)
        try:
            openid = api.oauth_openid(code)
            partner._aftersales_wechat_bind(openid, company)
        except WechatError as error:
            _logger.warning("WeChat binding of partner %s failed: %s", partner.id, error)
            return self._binding_page(
                env._("Binding failed"),
                env._("WeChat did not confirm your account. Open the link again from WeChat."), status=400)
        except UserError as error:
            return self._binding_page(env._("Binding failed"), str(error), status=400)
        return self._binding_page(
            env._("WeChat bound"),
            env._("%(company)s will send you the news of your car's service here.", company=company.name),
            success=True)

    @route("/aftersales_wechat/callback/<int:company_id>", type="http", auth="public", methods=["GET", "POST"],
           csrf=False, save_session=False, sitemap=False)
    def wechat_callback(self, company_id, signature=None, timestamp=None, nonce=None, echostr=None, **kwargs):
        """The service account's server address: WeChat's check (GET with echostr) and its events (POST XML),
        each signed with the company's server token."""
        # sudo: public route; the caller is authenticated by the signature made with the company's token
        company_sudo = request.env["res.company"].sudo().browse(company_id).exists()
        if not company_sudo or not wechat_signature_valid(company_sudo.wechat_callback_token, timestamp, nonce,
                                                          signature):
            _logger.warning("WeChat callback with a wrong signature for company %s", company_id)
            return request.make_response("forbidden", status=403)
        if request.httprequest.method == "GET":
            # Plain text: echostr is not covered by the signature, so it must not be served as HTML.
            return request.make_response(echostr or "", headers=[("Content-Type", "text/plain; charset=utf-8")])
        try:
            event = etree.fromstring(request.httprequest.get_data() or b"<xml/>", parser=SAFE_XML_PARSER)
        except etree.XMLSyntaxError:
            return request.make_response("invalid XML", status=400)
        if event.findtext("MsgType") == "event" and event.findtext("Event") == "TEMPLATESENDJOBFINISH":
            msgid = (event.findtext("MsgID") or event.findtext("MsgId") or "").strip()
            if msgid:
                # sudo: WeChat reports on the company's messages
                request.env["aftersales.wechat.message"].sudo()._aftersales_process_delivery_report(
                    company_sudo, msgid, (event.findtext("Status") or "").strip())
        # WeChat expects "success" (or nothing), else it tells the customer the service is unavailable.
        return request.make_response("success")
