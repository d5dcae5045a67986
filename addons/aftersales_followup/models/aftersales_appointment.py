from odoo import api, models


class AftersalesAppointment(models.Model):
    _inherit = "aftersales.appointment"

    @api.model_create_multi
    def create(self, vals_list):
        appointments = super().create(vals_list)
        reminder_id = self.env.context.get("aftersales_reminder_id")
        if reminder_id:
            # The reminder that brought the booking points to it (reminder → booking → visit).
            self.env["aftersales.reminder"].browse(reminder_id)._link_appointment(appointments[:1])
        return appointments
