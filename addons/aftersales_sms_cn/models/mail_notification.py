from odoo import fields, models

from .sms_sms import SMS_CN_FAILURE_TYPES


class MailNotification(models.Model):
    _inherit = "mail.notification"

    failure_type = fields.Selection(selection_add=SMS_CN_FAILURE_TYPES)
    sms_cn_res_model = fields.Char(related="mail_message_id.model", string="Document Model")
    sms_cn_res_id = fields.Many2oneReference(related="mail_message_id.res_id", string="Document",
                                             model_field="sms_cn_res_model")
    sms_cn_record_name = fields.Char(related="mail_message_id.record_name", string="Document Name")
    sms_cn_date = fields.Datetime(related="mail_message_id.date", string="Date")

    def action_sms_cn_open_document(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.sms_cn_res_model, "res_id": self.sms_cn_res_id,
                "view_mode": "form", "views": [(False, "form")]}
