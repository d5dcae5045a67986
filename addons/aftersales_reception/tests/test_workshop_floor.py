from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_visit import VisitCase

# What the payers are charged, per model: the workshop floor (technicians, QC inspectors) reads none of it.
PRICE_FIELDS = {
    "aftersales.job": ("labour_rate", "labour_amount", "parts_amount", "amount_total"),
    "repair.order": (
        "amount_labour", "amount_parts", "amount_total", "amount_customer", "amount_warranty", "amount_insurance",
        "amount_internal", "amount_goodwill", "estimate_labour", "estimate_parts", "estimate_total",
        "estimate_customer", "estimate_other_payers", "customer_amount_due",
    ),
    "stock.move": ("billing_price_unit", "billing_amount"),
    "aftersales.approval": ("amount",),
}
# The screens a technician opens: his job's form, the work order's form (from the job), the job lists.
TECHNICIAN_VIEWS = (
    ("repair.order", "repair.view_repair_order_form"),
    ("repair.order", "aftersales_reception.repair_order_view_list_aftersales"),
    ("aftersales.job", "aftersales_reception.aftersales_job_view_form"),
    ("aftersales.job", "aftersales_reception.aftersales_job_view_list"),
    ("aftersales.job", "aftersales_reception.aftersales_job_view_list_declined"),
)


@tagged("post_install", "-at_install")
class TestWorkshopFloor(VisitCase):
    """The technician's screens show the work, never the customer's prices, and only the apps he works in."""

    def setUp(self):
        super().setUp()
        self.order = self._approved_order()
        self.job = self.order.job_ids.sorted("id")[0]
        self.part = self._add_part(self.order, self.job, self.oil_filter, 1)
        self.records = {
            "aftersales.job": self.job, "repair.order": self.order, "stock.move": self.part,
            "aftersales.approval": self.order.approval_ids,
        }

    def test_technician_reads_no_prices(self):
        for model, fnames in PRICE_FIELDS.items():
            record = self.records[model].with_user(self.technician)
            for fname in fnames:
                with self.subTest(model=model, field=fname), \
                        self.assertRaisesRegex(AccessError, f'the field "{fname}"'):
                    record.read([fname])
        # The advisor's side reads them: 保养 1 h × 300 and the oil filter 1 × 58; 刹车异响 2 h × 300.
        job = self.job.with_user(self.advisor)
        self.assertEqual((job.labour_rate, job.labour_amount, job.parts_amount, job.amount_total),
                         (300.0, 300.0, 58.0, 358.0))
        self.assertEqual((self.part.with_user(self.advisor).billing_price_unit,
                          self.part.with_user(self.advisor).billing_amount), (58.0, 58.0))
        order = self.order.with_user(self.cashier)
        self.assertEqual((order.amount_labour, order.amount_parts, order.amount_total, order.amount_customer),
                         (900.0, 58.0, 958.0, 958.0))
        self.assertEqual(order.approval_ids.amount, 900.0, "the estimate approved before the part was added")

    def test_technician_screens_show_no_prices(self):
        price_names = {fname for fnames in PRICE_FIELDS.values() for fname in fnames}
        for model, xmlid in TECHNICIAN_VIEWS:
            view = self.env.ref(xmlid)
            for user, shown in ((self.technician, False), (self.advisor, True)):
                arch = etree.fromstring(self.env[model].with_user(user).get_view(view.id)["arch"])
                names = {node.get("name") for node in arch.iter("field")}
                with self.subTest(view=xmlid, user=user.login):
                    self.assertEqual(bool(names & price_names), shown, names & price_names)
        # What the web client reads to show him the work order and his job, through the whole form.
        for record in (self.order, self.job):
            Model = self.env[record._name].with_user(self.technician)
            fields = Model.get_views([(False, "form")])["models"][record._name]["fields"]
            values = record.with_user(self.technician).web_read({fname: {} for fname in fields})[0]
            self.assertFalse(price_names & set(values))
        self.assertEqual(self.order.with_user(self.technician).approval_state, "approved")
        # Nor on paper: the customer's documents with prices are not his to print; the gate pass is.
        def reports(user):
            bindings = self.env["ir.actions.actions"].with_user(user).get_bindings("repair.order")
            return {report["id"] for report in bindings.get("report", [])}

        priced = {self.env.ref(f"aftersales_reception.action_report_{name}").id
                  for name in ("estimate", "work_order", "settlement")}
        self.assertFalse(reports(self.technician) & priced)
        self.assertIn(self.env.ref("aftersales_reception.action_report_gate_pass").id, reports(self.technician))
        self.assertLessEqual(priced, reports(self.advisor))

    def test_technician_sees_his_apps_only(self):
        def roots(user):
            menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
            return {menus[menu_id]["xmlid"] for menu_id in menus["root"]["children"]}

        # After-sales and Discuss: no app store, no empty Dashboards app on the workshop's tablets.
        self.assertEqual(roots(self.technician),
                         {"mail.menu_root_discuss", "aftersales_reception.menu_aftersales_root"})
        self.assertNotIn("base.menu_management", roots(self.advisor))
        self.assertIn("base.menu_management", roots(self.env.ref("base.user_admin")))
