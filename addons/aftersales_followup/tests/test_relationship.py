from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common_followup import FollowupCase


@tagged("post_install", "-at_install")
class TestRelationship(FollowupCase):
    """The relationship programme: responsible advisor, regular contact, car club, referral rewards, the
    campaign letter after the call."""

    def _assign_advisor(self, partners, advisor, user=None):
        action = self.env.ref("aftersales_followup.aftersales_advisor_assign_wizard_action")
        Wizard = self.env[action.res_model].with_user(user or self.manager).with_context(
            default_partner_ids=partners.ids)
        with Form(Wizard) as form:
            form.advisor_id = advisor
        form.record.action_confirm()

    def test_responsible_advisor_is_the_managers_step(self):
        self._assign_advisor(self.customer, self.advisor)
        self.assertEqual(self.customer.aftersales_advisor_id, self.advisor)
        with self.assertRaisesRegex(AccessError, "Only the service manager"):
            self.customer.with_user(self.agent_lin)._assign_aftersales_advisor(self.advisor)
        with self.assertRaisesRegex(UserError, "is not a service advisor"):
            self.customer.with_user(self.manager)._assign_aftersales_advisor(self.agent_lin)
        with self.assertRaisesRegex(UserError, "business step"):
            self.customer.with_user(self.manager).write({"aftersales_advisor_id": False})
        self.assertEqual(self.customer.aftersales_advisor_id, self.advisor)

    def test_customer_contacted_every_two_months(self):
        Reminder = self.env["aftersales.reminder"]
        self._set_other_vehicles_aside()
        self.vehicle.sale_date = "2026-01-10"
        self.assertEqual(self.company.aftersales_relationship_contact_days, 60)
        with freeze_time("2026-06-10"):
            Reminder._generate_reminders("relationship", 14)
        self.assertFalse(Reminder.search([("kind", "=", "relationship")]),
                         "only customers with a responsible advisor are in the programme")
        self._assign_advisor(self.customer, self.advisor)
        with freeze_time("2026-06-10"):
            # Never contacted: sold on 10 January, 60 days are long past, due today.
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 1)
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 0, "not twice")
        contact = Reminder.search([("kind", "=", "relationship")])
        self.assertEqual((contact.vehicle_id, contact.partner_id, str(contact.due_date), contact.owner_id),
                         (self.vehicle, self.customer, "2026-06-10", self.advisor))
        with freeze_time("2026-06-11"):
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 0, "one open contact at a time")
        # The advisor calls the customer: the contact is logged and done.
        with freeze_time("2026-06-12 03:00:00"):
            contact.with_user(self.advisor).action_record_call()
        self.assertEqual((contact.state, contact.contact_count, contact.last_contact_date),
                         ("contacted", 1, datetime(2026, 6, 12, 3, 0)))
        with self.assertRaisesRegex(UserError, "already worked"):
            contact.with_user(self.advisor).action_record_call()
        with freeze_time("2026-06-20"):
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 0, "contacted eight days ago")
        with freeze_time("2026-08-01"):
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 1)
        latest = Reminder.search([("kind", "=", "relationship")], order="due_date desc", limit=1)
        self.assertEqual(latest.due_date, date(2026, 8, 11), "60 days after the call of 12 June")
        with freeze_time("2026-08-03 03:00:00"):
            latest.with_user(self.advisor).action_record_call()
        # A visit delivered since counts as a contact too.
        self._delivered_order(datetime(2026, 8, 5, 2, 0))
        with freeze_time("2026-10-01"):
            self.assertEqual(Reminder._generate_reminders("relationship", 14), 1)
        self.assertEqual(Reminder.search([("kind", "=", "relationship")], order="due_date desc", limit=1).due_date,
                         date(2026, 10, 4), "60 days after the visit of 5 August")

    def test_car_club_members(self):
        club = self.env.ref("aftersales_followup.partner_category_car_club")
        customer = self.customer.with_user(self.agent_lin)
        with freeze_time("2026-06-10"):
            customer.action_join_club()
        self.assertEqual((self.customer.aftersales_club_member, str(self.customer.aftersales_club_since)),
                         (True, "2026-06-10"))
        self.assertIn(club, self.customer.category_id)
        with self.assertRaisesRegex(UserError, "already belong"):
            customer.action_join_club()
        with self.assertRaisesRegex(UserError, "business step"):
            customer.write({"aftersales_club_since": "2020-01-01"})
        customer.action_leave_club()
        self.assertFalse(self.customer.aftersales_club_member)
        self.assertNotIn(club, self.customer.category_id)

    def test_referral_rewarded_by_the_manager(self):
        newcomer = self.env["res.partner"].create({"name": "赵先生", "phone": "13900000002"})
        Referral = self.env["aftersales.referral"].with_user(self.agent_lin)
        referral = Referral.create({"referrer_id": self.customer.id, "referred_id": newcomer.id,
                                    "referral_date": "2026-06-01"})
        self.assertEqual(referral.state, "to_reward")
        self.assertEqual(self.customer.aftersales_referral_count, 1)
        with self.assertRaisesRegex(ValidationError, "cannot refer themselves"):
            Referral.create({"referrer_id": self.customer.id, "referred_id": self.customer.id})
        with self.assertRaisesRegex(AccessError, "Only the service manager"):
            referral._record_reward("免费保养一次", 380.0)
        with self.assertRaisesRegex(UserError, "business step"):
            referral.write({"reward_amount": 380.0})
        action = referral.with_user(self.manager).action_open_reward_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.manager).with_context(**action["context"])
        with Form(Wizard) as form:
            form.reward = "免费小保养一次"
            form.reward_amount = 380.0
        with freeze_time("2026-06-15"):
            form.record.action_confirm()
        self.assertEqual((referral.state, referral.reward, referral.reward_amount, str(referral.rewarded_date),
                          referral.rewarded_by_id), ("rewarded", "免费小保养一次", 380.0, "2026-06-15", self.manager))
        with self.assertRaisesRegex(UserError, "already been rewarded"):
            referral.with_user(self.manager)._record_reward("代金券", 100.0)
        self.assertEqual(referral.reward_amount, 380.0)

    def test_letter_within_two_days_after_the_campaign_call(self):
        self._set_other_vehicles_aside()
        campaign = self.env["aftersales.campaign"].with_user(self.agent_lin).create({
            "name": "冬季免费检测周", "date_start": "2026-12-01", "date_end": "2026-12-07",
        })
        with freeze_time("2026-11-10"):
            campaign.action_launch()
        contact = campaign.reminder_ids.with_user(self.agent_xu)
        self.assertEqual(contact.vehicle_id, self.vehicle)
        with freeze_time("2026-11-17 02:00:00"):
            contact.action_record_call()
        letter_type = self.env.ref("aftersales_followup.mail_activity_type_campaign_letter")
        letter = contact.activity_ids.filtered(lambda activity: activity.activity_type_id == letter_type)
        self.assertEqual((str(letter.date_deadline), letter.user_id), ("2026-11-19", self.agent_xu))
        action = contact.action_print_letters()
        self.assertEqual(action["report_name"], "aftersales_followup.report_reminder_letter")
        self.assertTrue(contact.letter_printed_date)
        self.assertFalse(contact.activity_ids.filtered(lambda activity: activity.activity_type_id == letter_type),
                         "the letter is sent")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_followup.action_report_reminder_letter", contact.ids)[0].decode()
        self.assertIn("冬季免费检测周", html)
        self.assertIn(self.company.name, html)
