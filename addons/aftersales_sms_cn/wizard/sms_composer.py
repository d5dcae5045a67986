from odoo import models
from odoo.exceptions import UserError

from ..models.sms_sms import SMS_CN_PROVIDERS


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _action_send_sms(self):
        company = self.env.company
        if company.sms_cn_provider in SMS_CN_PROVIDERS \
                and not (self.template_id and self.template_id._sms_cn_template_code(company.sms_cn_provider)):
            raise UserError(self.env._(
                "%(gateway)s only sends the templates it approved: choose an SMS template that has its "
                "gateway template code.",
                gateway=dict(company._fields["sms_cn_provider"]._description_selection(self.env))[
                    company.sms_cn_provider]))
        if self.template_id:
            return super(SmsComposer, self.with_context(sms_cn_template_id=self.template_id.id))._action_send_sms()
        return super()._action_send_sms()

    def _prepare_mass_sms_values(self, records):
        results = super()._prepare_mass_sms_values(records)
        if self.template_id:
            for record in records:
                if record.id in results:
                    results[record.id]["sms_cn_template_id"] = self.template_id.id
                    results[record.id]["sms_cn_params"] = self.template_id._sms_cn_render_params(record)
                    if "company_id" in record._fields and record.company_id:
                        results[record.id]["sms_cn_company_id"] = record.company_id.id
        return results
