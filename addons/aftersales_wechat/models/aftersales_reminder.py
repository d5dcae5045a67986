from odoo import models


class AftersalesReminder(models.Model):
    _inherit = "aftersales.reminder"

    def _aftersales_wechat_wanted(self, partner_field="partner_id"):
        # The agent may choose WeChat on the reminder itself.
        return super()._aftersales_wechat_wanted(partner_field) | self.filtered(
            lambda reminder: reminder.channel == "wechat")
