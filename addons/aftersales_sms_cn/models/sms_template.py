from odoo import fields, models


class SmsTemplate(models.Model):
    _inherit = "sms.template"

    sms_cn_aliyun_code = fields.Char(string="Aliyun Template Code",
                                     help="The approved template's code on Aliyun SMS, e.g. SMS_123456789.")
    sms_cn_tencent_code = fields.Char(string="Tencent Template ID",
                                      help="The approved template's ID on Tencent Cloud SMS, e.g. 1234567.")
    sms_cn_param_ids = fields.One2many("sms.template.cn.param", "template_id", string="Gateway Parameters",
                                       copy=True)

    def _sms_cn_template_code(self, provider):
        self.ensure_one()
        return {"aliyun": self.sms_cn_aliyun_code, "tencent": self.sms_cn_tencent_code}.get(provider) or False

    def _sms_cn_render_params(self, record):
        """The gateway parameters for this record, in order: [[name, value], ...]."""
        self.ensure_one()
        return [[param.name, param._render_value(record)] for param in self.sms_cn_param_ids]
