from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step

RENEWAL_CHANNELS = [("dealer", "Through the Dealer"), ("elsewhere", "Elsewhere")]


class AftersalesInsuranceRenewal(models.Model):
    """A customer vehicle's car insurance renewed (续保), through the dealer or elsewhere.

    Recorded by the Record Renewal step only: it answers the vehicle's insurance reminder of that due date (created
    when the daily run had not found it yet) and moves the vehicle's expiry to the new policy's. The renewal rate
    (续保率) counts the insurance reminders of a period renewed through the dealer.
    """

    _name = "aftersales.insurance.renewal"
    _description = "Insurance Renewal"
    _inherit = ["mail.thread", "aftersales.step.mixin"]
    _order = "due_date desc, id desc"
    _check_company_auto = True
    _aftersales_step_record = True

    reminder_id = fields.Many2one("aftersales.reminder", required=True, readonly=True,
                                  ondelete="restrict", index=True, check_company=True)
    vehicle_id = fields.Many2one(related="reminder_id.vehicle_id", store=True, index=True)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    partner_id = fields.Many2one(related="reminder_id.partner_id", string="Customer", store=True)
    company_id = fields.Many2one(related="reminder_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    due_date = fields.Date(related="reminder_id.due_date", string="Insurance Expired On", store=True, index=True)
    channel = fields.Selection(RENEWAL_CHANNELS, string="Renewed", required=True, readonly=True, index=True)
    insurer_id = fields.Many2one("res.partner", readonly=True, index="btree_not_null")
    policy_number = fields.Char(readonly=True)
    new_expiry_date = fields.Date(string="New Policy Expires", required=True, readonly=True)
    premium = fields.Monetary(readonly=True, help="The premium of the policy sold (commercial and compulsory).")
    agent_id = fields.Many2one("res.users", string="Recorded by", required=True, readonly=True,
                               default=lambda self: self.env.user)
    renewal_date = fields.Date(string="Recorded on", required=True, readonly=True,
                               default=fields.Date.context_today)
    note = fields.Text(readonly=True)

    # Two agents recording the same renewal at once: one renewal.
    _reminder_unique = models.Constraint("UNIQUE(reminder_id)", "The renewal of this insurance is already recorded.")
    _premium_positive = models.Constraint("CHECK(premium >= 0)", "The premium cannot be negative.")

    @api.depends("license_plate", "due_date")
    def _compute_display_name(self):
        for renewal in self:
            renewal.display_name = f"{renewal.license_plate or ''} {renewal.due_date or ''}".strip()

    @api.model
    @business_step
    def _record_renewal(self, vehicle, channel, new_expiry_date, insurer=None, policy_number=False, premium=0.0,
                        note=False):
        """The customer renewed the insurance of ``vehicle`` expiring on its insurance expiry date."""
        vehicle.ensure_one()
        due_date = vehicle.insurance_expiry_date
        if not due_date:
            raise UserError(self.env._("Enter when the insurance of %(vehicle)s expires first.",
                                       vehicle=vehicle.display_name))
        if channel not in dict(RENEWAL_CHANNELS):
            raise UserError(self.env._("Say whether the insurance was renewed through the dealer or elsewhere."))
        new_expiry_date = fields.Date.to_date(new_expiry_date)
        if not new_expiry_date or new_expiry_date <= due_date:
            raise UserError(self.env._("The new policy must expire after %(date)s, when the one it renews expires.",
                                       date=due_date))
        if channel == "dealer" and not (insurer and (policy_number or "").strip()):
            raise UserError(self.env._("A renewal through the dealer names the insurer and the policy number."))
        if premium < 0:
            raise UserError(self.env._("The premium cannot be negative."))
        reminder = self._insurance_reminder(vehicle, due_date)
        if reminder.renewal_ids:
            raise UserError(self.env._("The renewal of this insurance is already recorded."))
        renewal = self.create({
            "reminder_id": reminder.id,
            "channel": channel,
            "insurer_id": insurer.id if insurer else False,
            "policy_number": (policy_number or "").strip() or False,
            "new_expiry_date": new_expiry_date,
            "premium": premium if channel == "dealer" else 0.0,
            "note": note,
        })
        if reminder.state == "open":
            channels = dict(self._fields["channel"]._description_selection(self.env))
            reminder.write({"state": "contacted", "result_note": channels[channel]})
        # sudo: the renewal moves the vehicle's expiry whoever records it (agents do not edit vehicles).
        vehicle.sudo().insurance_expiry_date = new_expiry_date
        return renewal

    @api.model
    def _insurance_reminder(self, vehicle, due_date):
        """The vehicle's insurance reminder of that due date: the daily run's, or created now."""
        Reminder = self.env["aftersales.reminder"]
        reminder = Reminder.search([
            ("vehicle_id", "=", vehicle.id), ("kind", "=", "insurance"), ("due_date", "=", due_date),
        ], limit=1)
        if reminder:
            return reminder
        # sudo: the reminder answered is the daily run's own record, created as the run would.
        return Reminder.sudo().create({
            "vehicle_id": vehicle.id, "partner_id": vehicle.customer_id.id,
            "company_id": (vehicle.company_id or self.env.company).id, "kind": "insurance", "due_date": due_date,
            "owner_id": self.env.user.id,
        }).sudo(False)
