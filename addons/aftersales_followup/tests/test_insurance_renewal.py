from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


@tagged("post_install", "-at_install")
class TestInsuranceRenewal(VisitCase):
    """王小明's car insurance expires on 20 December 2026: the follow-up agent records its renewal (续保)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(cls.env, login="renewal_agent", name="林晓",
                                  groups="aftersales_followup.group_followup_agent")
        cls.due = date(2026, 12, 20)
        cls.vehicle.insurance_expiry_date = cls.due
        cls.Renewal = cls.env["aftersales.insurance.renewal"]

    def _reminder(self):
        return self.env["aftersales.reminder"].create({
            "vehicle_id": self.vehicle.id, "partner_id": self.customer.id, "company_id": self.company.id,
            "kind": "insurance", "due_date": self.due, "owner_id": self.agent.id,
        })

    def _record(self, user, channel, **values):
        """The agent clicks Record Renewal on the vehicle and fills the dialog."""
        action = self.vehicle.with_user(user).action_open_renewal_wizard()
        wizard = Form(self.env[action["res_model"]].with_user(user).with_context(**action["context"]))
        self.assertEqual(wizard.due_date, self.due)
        self.assertEqual(wizard.new_expiry_date, date(2027, 12, 20), "a year's policy by default")
        wizard.channel = channel
        for name, value in values.items():
            setattr(wizard, name, value)
        wizard.save().action_confirm()
        return self.Renewal.search([("vehicle_id", "=", self.vehicle.id)])

    def test_renewed_through_the_dealer(self):
        reminder = self._reminder()
        renewal = self._record(self.agent, "dealer", insurer_id=self.insurer, policy_number=" PDAA2026330100123 ",
                               premium=5860.0)
        self.assertEqual(renewal.reminder_id, reminder)
        self.assertEqual((renewal.channel, renewal.due_date, renewal.new_expiry_date),
                         ("dealer", self.due, date(2027, 12, 20)))
        self.assertEqual((renewal.insurer_id, renewal.policy_number, renewal.premium),
                         (self.insurer, "PDAA2026330100123", 5860.0))
        self.assertEqual((renewal.agent_id, renewal.partner_id), (self.agent, self.customer))
        self.assertEqual((reminder.state, reminder.renewal_channel), ("contacted", "dealer"))
        self.assertEqual(self.vehicle.insurance_expiry_date, date(2027, 12, 20), "the next reminder is a year on")
        # The renewal is the step's record: nobody edits or deletes it.
        with self.assertRaisesRegex(UserError, "business step only"):
            renewal.with_user(self.manager).write({"premium": 0.0})
        with self.assertRaisesRegex(UserError, "business step only"):
            renewal.sudo().unlink()  # sudo: not even the superuser
        with self.assertRaisesRegex(UserError, "business step only"):
            self.Renewal.create({"reminder_id": reminder.id, "channel": "dealer", "new_expiry_date": "2028-01-01"})

    def test_renewed_elsewhere_without_reminder(self):
        """The run had not reminded it yet: the renewal answers a reminder of its own."""
        renewal = self._record(self.advisor, "elsewhere", note="客户在网上投保")
        reminder = renewal.reminder_id
        self.assertEqual((reminder.kind, reminder.due_date, reminder.vehicle_id), ("insurance", self.due, self.vehicle))
        self.assertEqual((reminder.state, reminder.renewal_channel, reminder.owner_id),
                         ("contacted", "elsewhere", self.advisor))
        self.assertEqual((renewal.channel, renewal.premium, renewal.insurer_id.id), ("elsewhere", 0.0, False))

    def test_bad_input_changes_nothing(self):
        reminder = self._reminder()
        Renewal = self.Renewal.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "names the insurer and the policy number"):
            Renewal._record_renewal(self.vehicle, "dealer", date(2027, 12, 20), insurer=self.insurer)
        with self.assertRaisesRegex(UserError, "must expire after"):
            Renewal._record_renewal(self.vehicle, "elsewhere", self.due)
        with self.assertRaisesRegex(UserError, "cannot be negative"):
            Renewal._record_renewal(self.vehicle, "dealer", date(2027, 12, 20), insurer=self.insurer,
                                    policy_number="P1", premium=-1.0)
        # The technician does not sell insurance.
        with self.assertRaises(AccessError):
            self.Renewal.with_user(self.technician)._record_renewal(self.vehicle, "elsewhere", date(2027, 12, 20))
        self.assertFalse(self.Renewal.search([("vehicle_id", "=", self.vehicle.id)]))
        self.assertEqual((reminder.state, reminder.renewal_channel), ("open", False))
        self.assertEqual(self.vehicle.insurance_expiry_date, self.due)
        self.vehicle.insurance_expiry_date = False
        with self.assertRaisesRegex(UserError, "expires first"):
            Renewal._record_renewal(self.vehicle, "elsewhere", date(2027, 12, 20))
