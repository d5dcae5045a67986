from odoo import fields, models


class AftersalesKpiReminderMixin(models.AbstractModel):
    """A row per reminder of a report on the reminders (conversion, service return), opening its reminder."""

    _name = "aftersales.kpi.reminder.mixin"
    _description = "Reminder Report Row"

    reminder_id = fields.Many2one("aftersales.reminder", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    vehicle_id = fields.Many2one("fleet.vehicle", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)

    def action_open_reminder(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.reminder",
            "view_mode": "form",
            "res_id": self.reminder_id.id,
        }
