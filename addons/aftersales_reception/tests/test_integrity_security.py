from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import make_vin
from .common_visit import VisitCase

# Reference lists the dealer group shares on purpose (no company): check points, skills, reasons, codes.
SHARED_REFERENCE_MODELS = {
    "aftersales.check.item", "aftersales.skill", "aftersales.refusal.reason", "aftersales.warranty.reason",
    "aftersales.fault.category", "aftersales.insurance.document.type",
}


@tagged("post_install", "-at_install")
class TestWorkOrderDeletion(VisitCase):
    def _draft_order(self):
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        return check_in.repair_id

    def test_only_the_manager_deletes_a_work_order(self):
        order = self._draft_order()
        for user in (self.advisor,):
            # Odoo's Inventory rights allow it; the after-sales order refuses all the same.
            self.assertTrue(self.env["repair.order"].with_user(user).has_access("unlink"))
            with self.assertRaisesRegex(AccessError, "Only the service manager can delete a work order"):
                order.with_user(user).unlink()
            self.assertTrue(order.exists(), user.login)
            self.assertEqual(len(order.job_ids), 1)
        order.with_user(self.manager).unlink()
        self.assertFalse(order.exists())

    def test_repairs_outside_after_sales_keep_odoo_rules(self):
        repair = self.env["repair.order"].create({"partner_id": self.customer.id})
        repair.with_user(self.advisor).unlink()
        self.assertFalse(repair.exists())


@tagged("post_install", "-at_install")
class TestCustomerDeletion(VisitCase):
    def test_customer_with_a_vehicle_is_kept(self):
        for user in (self.advisor, self.manager):
            with self.assertRaisesRegex(UserError, "王小明 cannot be deleted: .*Vehicle \\(1\\)"):
                self.customer.with_user(user).unlink()
            self.assertTrue(self.customer.exists())
            self.assertEqual(self.vehicle.customer_id, self.customer, "the vehicle keeps its owner")

    def test_customer_with_a_work_order_is_kept(self):
        payer = self.env["res.partner"].create({"name": "李华"})
        order = self.env["repair.order"].with_user(self.advisor).create({
            "vehicle_id": self.vehicle.id, "partner_id": payer.id, "job_ids": [Command.create({"name": "保养"})],
        })
        with self.assertRaisesRegex(UserError, "李华 cannot be deleted: Repair Order \\(1\\)"):
            payer.with_user(self.manager).unlink()
        self.assertTrue(payer.exists())
        self.assertEqual(order.partner_id, payer)

    def test_customer_with_a_check_in_is_kept(self):
        self._check_in(41000, ["异响"])
        with self.assertRaisesRegex(UserError, "Vehicle Check-in \\(1\\)"):
            self.customer.with_user(self.manager).unlink()

    def test_customer_without_documents_can_be_deleted(self):
        walk_in = self.env["res.partner"].with_user(self.advisor).create({"name": "路过客户"})
        walk_in.with_user(self.advisor).unlink()
        self.assertFalse(walk_in.exists())


@tagged("post_install", "-at_install")
class TestPricesAndRates(VisitCase):
    def setUp(self):
        super().setUp()
        self.order = self._approved_order(concerns=("保养",), hours=(1.0,))
        self.job = self.order.job_ids
        self.part = self._add_part(self.order, self.job, self.oil_filter, 1)

    def test_technician_cannot_change_labour_rate(self):
        with self.assertRaisesRegex(AccessError, 'the field "labour_rate"'):
            self.job.with_user(self.technician).write({"labour_rate": 1.0})
        self.assertEqual(self.job.labour_rate, 300.0)

    def test_technician_creates_only_additional_work_at_the_settings_rate(self):
        Job = self.env["aftersales.job"].with_user(self.technician)
        proposal = {"repair_id": self.order.id, "name": "更换前刹车片", "is_additional": True, "labour_hours": 1.0}
        with self.assertRaisesRegex(AccessError, 'the field "labour_rate"'):
            Job.create({**proposal, "labour_rate": 1.0})
        with self.assertRaisesRegex(AccessError, "create"):
            Job.create({**proposal, "is_additional": False})
        with self.assertRaisesRegex(UserError, "only its business step"):
            Job.create({**proposal, "state": "approved"})
        check_in = self._check_in(41000, ["异响"], vehicle=self._create_vehicle(
            make_vin("LTV2A21K", "M3097002"), license_plate="浙A·W7002"))
        check_in.action_create_work_order()
        with self.assertRaisesRegex(AccessError, "create"):
            Job.create({**proposal, "repair_id": check_in.repair_id.id})
        self.assertEqual(self.order.job_ids, self.job)
        self.assertEqual(len(check_in.repair_id.job_ids), 1)

    def test_advisor_and_manager_set_prices(self):
        self.job.with_user(self.advisor).write({"labour_rate": 260.0})
        self.part.with_user(self.advisor).write({"billing_price_unit": 50.0})
        self.assertEqual(self.job.amount_total, 310.0)
        self.job.with_user(self.manager).write({"labour_rate": 280.0})
        self.assertEqual(self.job.amount_total, 330.0)

    def test_rates_are_readonly_in_the_workshop_view(self):
        # Readonly for who sees prices without setting them (the cashier); not shown to the technician at all.
        view = self.env.ref("repair.view_repair_order_form")
        for user, readonly in ((self.cashier, ["1"]), (self.advisor, ["state == 'done'"]), (self.technician, [])):
            arch = etree.fromstring(self.env["repair.order"].with_user(user).get_view(view.id, "form")["arch"])
            rates = arch.xpath("//field[@name='job_ids']//field[@name='labour_rate']")
            prices = arch.xpath("//field[@name='move_ids']//field[@name='billing_price_unit']")
            self.assertEqual([rate.get("readonly") for rate in rates], readonly, user.login)
            self.assertEqual([price.get("readonly") == "1" for price in prices],
                             [user == self.cashier] if readonly else [], user.login)


@tagged("post_install", "-at_install")
class TestManagerSettings(VisitCase):
    def test_manager_configures_after_sales_without_admin_rights(self):
        self.assertFalse(self.manager.has_group("base.group_system"))
        action = self.env.ref("aftersales_reception.action_aftersales_settings").with_user(self.manager).run()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.company", self.company.id))
        form = Form(self.company.with_user(self.manager),
                    view="aftersales_reception.res_company_view_form_aftersales_settings")
        form.aftersales_labour_rate_customer = 320.0
        form.aftersales_estimate_tolerance = 5.0
        form.aftersales_mileage_window_days = 180
        form.save()
        # What the web client asks when a setting changes.
        self.company.with_user(self.manager).onchange(
            {"aftersales_slot_minutes": 20}, ["aftersales_slot_minutes"], {"aftersales_slot_minutes": {}},
        )
        self.assertEqual(self.company.aftersales_labour_rate_customer, 320.0)
        self.assertEqual(self.company.aftersales_estimate_tolerance, 5.0)
        self.assertEqual(
            self.env["ir.config_parameter"].get_param("aftersales_reception.mileage_window_days"), "180"
        )
        # New jobs take the manager's rate.
        order = self._approved_order(concerns=("保养",), hours=(1.0,))
        self.assertEqual(order.job_ids.labour_rate, 320.0)

    def test_manager_changes_only_after_sales_settings(self):
        name = self.company.name
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            self.company.with_user(self.manager).write({"name": "改名"})
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            self.company.with_user(self.manager).write({"name": "改名", "aftersales_slot_minutes": 20})
        self.assertEqual(self.company.name, name)
        self.assertEqual(self.company.aftersales_slot_minutes, 15)

    def test_manager_configures_only_own_companies(self):
        other = self.env["res.company"].create({"name": "宁波分店"})
        with self.assertRaises(AccessError):
            other.with_user(self.manager).write({"aftersales_labour_rate_customer": 1.0})
        self.assertEqual(other.aftersales_labour_rate_customer, 300.0)

    def test_advisor_does_not_configure(self):
        with self.assertRaisesRegex(AccessError, "not allowed to modify"):
            self.company.with_user(self.advisor).write({"aftersales_labour_rate_customer": 1.0})
        self.assertEqual(self.company.aftersales_labour_rate_customer, 300.0)
        with self.assertRaisesRegex(AccessError, "enough access rights to run this action"):
            self.env.ref("aftersales_reception.action_aftersales_settings").with_user(self.advisor).run()


@tagged("post_install", "-at_install")
class TestCompanyIsolation(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "宁波东方4S店"})
        cls.customer_b = cls.env["res.partner"].create({"name": "钱七", "company_id": cls.company_b.id})
        cls.vehicle_b = cls.env["fleet.vehicle"].with_company(cls.company_b).create({
            "vehicle_usage": "customer", "customer_id": cls.customer_b.id, "model_id": cls.car_model.id,
            "vin_sn": make_vin("LTV2A21K", "M3070002"), "company_id": cls.company_b.id,
        })
        cls.reading_b = cls.env["fleet.vehicle.odometer"].create({"vehicle_id": cls.vehicle_b.id, "value": 2000})
        cls.advisor_b = new_test_user(
            cls.env, login="iso_advisor_b", groups="aftersales_reception.group_service_advisor",
            company_id=cls.company_b.id, company_ids=[cls.company_b.id],
        )

    def test_check_in_details_stay_in_their_company(self):
        check_in = self.env["aftersales.check.in"].with_company(self.company_b).create({
            "vehicle_id": self.vehicle_b.id, "odometer": 2100, "company_id": self.company_b.id,
            "concern_ids": [Command.create({"name": "异响"})],
            "damage_ids": [Command.create({"location": "bonnet", "kind": "scratch"})],
        })
        details = {
            "aftersales.check.in.concern": check_in.concern_ids,
            "aftersales.check.in.line": check_in.line_ids,
            "aftersales.check.in.damage": check_in.damage_ids,
        }
        for model, records in details.items():
            self.assertTrue(records, model)
            self.assertEqual(records.company_id, self.company_b, model)
            self.assertFalse(self.env[model].with_user(self.advisor).search([("id", "in", records.ids)]), model)
            with self.assertRaises(AccessError):
                records.with_user(self.advisor).read(["check_in_id"])
            self.assertEqual(self.env[model].with_user(self.advisor_b).search([("id", "in", records.ids)]), records)

    def test_every_after_sales_table_has_a_company_rule(self):
        missing = []
        for name, model in self.env.registry.items():
            if not name.startswith("aftersales.") or model._abstract or model._transient \
                    or name in SHARED_REFERENCE_MODELS:
                continue
            rules = self.env["ir.rule"].search([("model_id.model", "=", name), ("global", "=", True)])
            if "company_id" not in model._fields or not any("company_id" in rule.domain_force for rule in rules):
                missing.append(name)
        self.assertFalse(missing, "after-sales tables without a multi-company rule")

    def test_shared_customers_are_seen_by_the_group(self):
        self.assertTrue(self.company_b.aftersales_share_customers, "shared by default")
        self.assertEqual(self.env["fleet.vehicle"].with_user(self.advisor).search(
            [("id", "=", self.vehicle_b.id)]), self.vehicle_b)
        self.assertEqual(self.env["fleet.vehicle.odometer"].with_user(self.advisor).search(
            [("id", "=", self.reading_b.id)]), self.reading_b)
        self.assertEqual(self.env["res.partner"].with_user(self.advisor).search(
            [("id", "=", self.customer_b.id)]), self.customer_b)
        # A customer registered in a sharing company is the group's, as in Odoo.
        walk_in = self.env["res.partner"].with_user(self.advisor_b).create({"name": "孙八"})
        self.assertFalse(walk_in.company_id)

    def test_customers_kept_by_their_company(self):
        self.company_b.aftersales_share_customers = False
        for model, record in (("fleet.vehicle", self.vehicle_b), ("fleet.vehicle.odometer", self.reading_b),
                              ("res.partner", self.customer_b)):
            self.assertFalse(self.env[model].with_user(self.advisor).search([("id", "=", record.id)]), model)
            with self.assertRaises(AccessError):
                record.with_user(self.advisor).read(["display_name"])
            self.assertEqual(self.env[model].with_user(self.advisor_b).search([("id", "=", record.id)]), record)
        walk_in = self.env["res.partner"].with_user(self.advisor_b).create({"name": "孙八"})
        self.assertEqual(walk_in.company_id, self.company_b, "a customer registered here belongs here")
        self.assertFalse(self.env["res.partner"].with_user(self.advisor).search([("id", "=", walk_in.id)]))
        # Dealer vehicles were never shared.
        loaner = self.env["fleet.vehicle"].create({"model_id": self.car_model.id, "company_id": self.company_b.id})
        self.company_b.aftersales_share_customers = True
        self.assertFalse(self.env["fleet.vehicle"].with_user(self.advisor).search([("id", "=", loaner.id)]))


@tagged("post_install", "-at_install")
class TestCompanyWithoutWarehouse(VisitCase):
    def test_work_order_needs_a_warehouse(self):
        company = self.env["res.company"].create({"name": "无仓库门店"})
        self.env["stock.warehouse"].search([("company_id", "=", company.id)]).active = False
        advisor = new_test_user(
            self.env, login="nowh_advisor", groups="aftersales_reception.group_service_advisor",
            company_id=company.id, company_ids=[company.id],
        )
        vehicle = self._create_vehicle(make_vin("LTV2A21K", "M3070003"), company_id=company.id)
        Order = self.env["repair.order"].with_user(advisor).with_company(company)
        with self.assertRaisesRegex(UserError, "无仓库门店 has no warehouse with a repair operation type"):
            Order.create({
                "vehicle_id": vehicle.id, "partner_id": self.customer.id,
                "job_ids": [Command.create({"name": "保养"})],
            })
        self.assertFalse(self.env["repair.order"].search([("company_id", "=", company.id)]))
