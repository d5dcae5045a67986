from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    aftersales_allow_parallel_jobs = fields.Boolean(
        string="Technicians May Clock on Several Jobs",
        help="By default a technician works on one job at a time.",
    )
    aftersales_progress_alert_percent = fields.Float(string="Progress Check at (%)", default=75.0)
    aftersales_comeback_days = fields.Integer(string="Comeback within (days)", default=30)
    aftersales_comeback_km = fields.Integer(string="Comeback within (km)", default=1000)

    @api.constrains("aftersales_progress_alert_percent", "aftersales_comeback_days", "aftersales_comeback_km")
    def _check_aftersales_workshop_settings(self):
        for company in self:
            if not 1 <= company.aftersales_progress_alert_percent <= 100:
                raise ValidationError(self.env._("The progress check happens between 1 % and 100 % of the time."))
            if company.aftersales_comeback_days < 0 or company.aftersales_comeback_km < 0:
                raise ValidationError(self.env._("The comeback window cannot be negative."))
