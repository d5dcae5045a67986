from odoo import models


class AftersalesCustomerMessageMixin(models.AbstractModel):
    _inherit = "aftersales.customer.message.mixin"

    def _aftersales_wechat_wanted(self, partner_field="partner_id"):
        """The records whose customer prefers WeChat; a document may add its own choice of channel."""
        return self.filtered(lambda record: record[partner_field].aftersales_contact_channel == "wechat")

    def _aftersales_send_customer_message(self, milestone, sms_template, sms_body, partner_field="partner_id"):
        # WeChat first for the customers who want it and bound it; the others go on by the next channel.
        by_wechat = self.env["aftersales.wechat.message"]._aftersales_queue(
            self, milestone, sms_template, sms_body, partner_field)
        others = self - by_wechat
        if not others:
            return by_wechat
        result = super(AftersalesCustomerMessageMixin, others)._aftersales_send_customer_message(
            milestone, sms_template, sms_body, partner_field)
        # The records told, when the next channels say which.
        return by_wechat | result if isinstance(result, models.BaseModel) else result
