from odoo import models


class AftersalesCustomerMessageMixin(models.AbstractModel):
    """One way to tell a customer about a step of the visit, whatever the channel.

    Channel addons (WeChat, ...) override ``_aftersales_send_customer_message``: they send to the records
    whose customer they reach and pass the others to ``super()``; reception ends the chain with an SMS.
    """

    _name = "aftersales.customer.message.mixin"
    _description = "Customer Messages"

    def _aftersales_send_customer_message(self, milestone, sms_template, sms_body, partner_field="partner_id"):
        """Tell each record's customer about ``milestone`` (a key such as "appointment_confirmed",
        "appointment_reminder", "checked_in", "approval_waiting", "car_ready", "delay", "settled",
        "followup_invitation", "reminder").

        :param sms_template: an ``sms.template`` record, or False
        :param sms_body: a callable record -> str, the text used without a template
        :param partner_field: the field of the record holding the customer
        """
        self._aftersales_send_customer_sms(milestone, sms_template, sms_body, partner_field)

    def _aftersales_send_customer_sms(self, milestone, sms_template, sms_body, partner_field="partner_id"):
        """An SMS to each record's customer with a phone, queued (the SMS queue sends them per company) unless
        the context asks ``aftersales_sms_send_now`` (a scheduled run whose batch commits the texts sent)."""
        records = self.filtered(lambda record: record[partner_field].phone)
        send_now = self.env.context.get("aftersales_sms_send_now", False)
        for record in records:
            partner = record[partner_field]
            record._message_sms_with_template(
                template=sms_template,
                template_fallback=sms_body(record),
                partner_ids=partner.ids,
                put_in_queue=not send_now,
            )
        return records
