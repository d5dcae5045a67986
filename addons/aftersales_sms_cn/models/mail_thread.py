from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _message_sms_with_template(self, template=False, template_xmlid=False, template_fallback="",
                                   partner_ids=False, **kwargs):
        # The SMS keep their template: a Chinese gateway sends the approved template with its parameters.
        if not template and template_xmlid:
            template = self.env.ref(template_xmlid, raise_if_not_found=False)
        records = self.with_context(sms_cn_template_id=template.id) if template else self
        return super(MailThread, records)._message_sms_with_template(template=template, template_xmlid=template_xmlid,
                                                  template_fallback=template_fallback, partner_ids=partner_ids,
                                                  **kwargs)
