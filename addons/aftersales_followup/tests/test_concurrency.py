from datetime import date, timedelta

from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.aftersales_reception.tests.common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestFollowupConcurrency(ConcurrencyCase):
    """The daily reminder run started twice at the same moment (two cron workers, a manual run during
    the scheduled one): every reminder exists once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.session() as env:
            brand = cls._keep(env["fleet.vehicle.model.brand"].create({"name": "Concurrency Motors"}))
            car_model = cls._keep(env["fleet.vehicle.model"].create({"name": "Sedan C1", "brand_id": brand.id}))
            customer = cls._keep(env["res.partner"].create({"name": "王小明", "phone": "13800000009"}))
            cls.due_date = date.today() + timedelta(days=5)
            cls.vehicle = cls._keep(env["fleet.vehicle"].create({
                "vehicle_usage": "customer", "customer_id": customer.id, "model_id": car_model.id,
                "license_plate": "浙A·C0004", "inspection_due_date": cls.due_date,
            })).id

    def _last_reminder_id(self):
        with self.session() as env:
            env.cr.execute(SQL("SELECT COALESCE(MAX(id), 0) FROM aftersales_reminder"))
            return env.cr.fetchone()[0]

    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_reminder_run_twice_at_once(self):
        last_id = self._last_reminder_id()
        # Everything both runs created goes: the database keeps serving the other tests.
        self.addCleanup(lambda: self.purge(("aftersales.reminder", range(last_id + 1, self._last_reminder_id() + 1))))

        def run(env):
            return env["aftersales.reminder"]._cron_generate_reminders()

        with self.session() as env_a:
            created = run(env_a)
            # The second run inserts the same reminders while the first one's are not committed: it
            # waits for them, then finds them there.
            second = self.run_in_thread(env_a.uid, run)
            self.wait_until_blocked(second)
        second.join(60)
        self.assertFalse(second.is_alive())
        self.assertIsNone(second.error)
        self.assertEqual(set(second.result.values()), {0}, "the second run creates nothing")
        self.assertGreaterEqual(created["inspection"], 1)
        with self.session() as env:
            env.cr.execute(SQL("""
                SELECT COUNT(*), COUNT(DISTINCT (vehicle_id, kind, due_date)) FROM aftersales_reminder WHERE id > %s
            """, last_id))
            total, distinct = env.cr.fetchone()
            self.assertEqual((total, distinct), (sum(created.values()),) * 2)
            reminders = env["aftersales.reminder"].search([("vehicle_id", "=", self.vehicle)])
            self.assertEqual([(r.kind, r.due_date) for r in reminders], [("inspection", self.due_date)])

    @mute_logger("odoo.service.model", "odoo.sql_db")
    def test_renewal_recorded_twice_at_once(self):
        """Two agents record the same insurance renewal at the same moment: one renewal, one new expiry."""
        expiry = date.today() + timedelta(days=20)
        renewed_until = expiry + timedelta(days=365)
        with self.session() as env:
            vehicle = env["fleet.vehicle"].browse(self.vehicle)
            vehicle.insurance_expiry_date = expiry
            reminder = self._keep(env["aftersales.reminder"].create({
                "vehicle_id": vehicle.id, "partner_id": vehicle.customer_id.id, "company_id": vehicle.company_id.id,
                "kind": "insurance", "due_date": expiry,
            }))
            reminder_id = reminder.id
        self.addCleanup(lambda: self.purge(("aftersales.reminder", [reminder_id])))

        def record(env):
            vehicle = env["fleet.vehicle"].browse(self.vehicle)
            return env["aftersales.insurance.renewal"]._record_renewal(vehicle, "elsewhere", renewed_until).id

        with self.session() as env_a:
            first = record(env_a)
            # The second agent's renewal waits for the first one's, then finds the reminder answered.
            second = self.run_in_thread(env_a.uid, record)
            self.assertTrue(self.wait_until_blocked(second))
        second.join(60)
        self.assertFalse(second.is_alive())
        self.assertIsNotNone(second.error, "the second renewal is refused")
        with self.session() as env:
            renewals = env["aftersales.insurance.renewal"].search([("reminder_id", "=", reminder_id)])
            self.assertEqual(renewals.ids, [first])
            self.assertEqual(env["fleet.vehicle"].browse(self.vehicle).insurance_expiry_date, renewed_until)
