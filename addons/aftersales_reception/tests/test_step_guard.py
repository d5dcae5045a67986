"""Every field that records a step changes only through its step, for every role.

The test walks the registry: a new after-sales model or step field is covered without editing it.
"""
import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common_visit import VisitCase

STEP_REFUSAL = "business step"
# A 1x1 PNG.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def looks_like_step_field(field):
    """Fields of the kind that record a step: states, the step's date, who did it.

    Such a field declared by an after-sales addon must say whether it is one
    (``aftersales_step=True``) or free input (``aftersales_step=False``).
    """
    if not (field._module or "").startswith("aftersales_") or not field.store or field.related:
        return False
    if field.compute and field.readonly:
        return False
    if field.type == "selection" and (field.name == "state" or field.name.endswith("_state")):
        return True
    if field.type in ("date", "datetime") and not field.copy:
        return True
    return field.type == "many2one" and field.comodel_name == "res.users" and not field.copy


@tagged("post_install", "-at_install")
class TestStepGuard(VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Every after-sales role of the installed addons: each addon files its roles under After-sales.
        roles = cls.env["res.groups"].search([
            ("privilege_id.category_id", "=", cls.env.ref("aftersales_reception.module_category_aftersales").id),
        ])
        cls.role_users = {
            xmlid: new_test_user(cls.env, login=f"step_{xmlid}", groups=xmlid)
            for xmlid in roles.get_external_id().values()
        }
        cls.guarded_models = sorted(
            name for name, model in cls.env.registry.items()
            if not model._abstract and not model._transient and hasattr(model, "_aftersales_step_field_names")
        )

    def setUp(self):
        super().setUp()
        # Without demo data the reception's models still have records: an approved visit, its jobs done.
        self.order = self._approved_order()
        self.order.job_ids.action_mark_done()

    def _sample(self, model_name):
        """One record of the model whose step fields are guarded, if the database has one."""
        Model = self.env[model_name].sudo().with_context(active_test=False)  # sudo: samples every record
        return Model.search([], limit=50, order="id desc")._aftersales_step_guarded_records()[:1]

    def _other_value(self, record, field):
        """A valid value for ``field`` that differs from the record's and from the default."""
        current = record[field.name]
        default = record._aftersales_step_default(field.name)
        if field.type == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            choices = [value for value in values if value not in (current, default)]
            return choices[0] if choices else None
        if field.type == "many2one":
            Comodel = self.env[field.comodel_name].sudo()  # sudo: any valid value
            other = Comodel.search([("id", "not in", current.ids)], limit=1)
            return other.id or None
        if field.type == "datetime":
            return "2020-02-02 10:00:00"
        if field.type == "date":
            return "2020-02-02"
        if field.type == "boolean":
            return not current
        if field.type in ("float", "monetary", "integer"):
            return (current or 0) + 7
        if field.type in ("char", "text", "html"):
            return f"{current or ''} changed"
        if field.type in ("binary", "image"):
            return base64.b64encode(PIXEL)
        return None

    def test_every_step_like_field_is_declared(self):
        """A state, a step's date or who did it must be declared a step field or free input."""
        undeclared = [
            f"{model_name}.{name}"
            for model_name, model in self.env.registry.items() if not model._abstract
            for name, field in model._fields.items()
            if looks_like_step_field(field) and getattr(field, "aftersales_step", None) is None
        ]
        self.assertFalse(undeclared, "Declare aftersales_step=True (a step records it) or False (free input) on: "
                         + ", ".join(sorted(undeclared)))

    def test_guarded_models_have_step_fields(self):
        self.assertIn("repair.order", self.guarded_models)
        self.assertIn("aftersales.job", self.guarded_models)
        self.assertIn("aftersales.approval", self.guarded_models)
        for model_name in self.guarded_models:
            Model = self.env[model_name]
            self.assertTrue(Model._aftersales_step_field_names() or Model._aftersales_step_record,
                            f"{model_name} inherits the step guard but declares no step field")

    def test_direct_write_is_refused_for_every_role(self):
        checked = 0
        for model_name in self.guarded_models:
            record = self._sample(model_name)
            if not record:
                continue
            for name in sorted(record._aftersales_step_field_names()):
                field = record._fields[name]
                value = self._other_value(record, field)
                if value is None:
                    continue
                before = record[name]
                for user in [self.env.ref("base.user_root"), *self.role_users.values()]:
                    with self.subTest(model=model_name, field=name, user=user.login):
                        with self.assertRaises(UserError) as caught:
                            record.with_user(user).write({name: value})
                        if user._is_superuser():
                            # The superuser has every right: what refuses him is a business rule (the step
                            # guard, or the model's own rule of a record already past that step).
                            self.assertNotIsInstance(caught.exception, AccessError)
                        record.invalidate_recordset([name])
                        self.assertEqual(record[name], before, "the refused write changed the field")
                checked += 1
        # Reception alone guards more than twenty step fields; the other addons add theirs.
        self.assertGreater(checked, 20)

    def test_direct_create_with_a_step_value_is_refused(self):
        checked = 0
        for model_name in self.guarded_models:
            record = self._sample(model_name)
            if not record:
                continue
            count = record.search_count([])
            for name in sorted(record._aftersales_step_field_names()):
                value = self._other_value(record, record._fields[name])
                if value is None:
                    continue
                with self.subTest(model=model_name, field=name):
                    with self.assertRaises(UserError) as caught:
                        record.copy(default={name: value})
                    self.assertNotIsInstance(caught.exception, AccessError)
                    self.assertEqual(record.search_count([]), count)
                checked += 1
        self.assertGreater(checked, 20)

    def test_step_values_given_as_context_defaults_are_refused(self):
        Job = self.env["aftersales.job"].with_user(self.advisor)
        with self.assertRaisesRegex(UserError, STEP_REFUSAL):
            Job.with_context(default_state="done").create({"repair_id": self.order.id, "name": "换雨刮"})
        count = Job.search_count([])
        result = Job.load(["repair_id/.id", "name", "state"], [[str(self.order.id), "换雨刮", "done"]])
        self.assertFalse(result["ids"])
        self.assertIn(STEP_REFUSAL, " ".join(message["message"] for message in result["messages"]))
        self.assertEqual(Job.search_count([]), count)

    def test_approval_records_only_come_from_the_approval_step(self):
        Approval = self.env["aftersales.approval"]
        values = {"repair_id": self.order.id, "payer": "customer", "amount": 1.0, "channel": "phone",
                  "approved_by": "王小明"}
        for user in [self.env.ref("base.user_root"), self.advisor, self.manager]:
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "."):
                Approval.with_user(user).create(values)
        approval = self.order.approval_ids[:1]
        with self.assertRaisesRegex(UserError, "business step"):
            approval.sudo().write({"amount": 99999.0})  # sudo: the superuser is refused too
        with self.assertRaisesRegex(UserError, "business step"):
            approval.sudo().unlink()  # sudo: the superuser is refused too
        self.assertTrue(approval.exists())

    # ------------------------------------------------------------------
    # Odoo's repair actions on after-sales orders
    # ------------------------------------------------------------------

    def _draft_order(self):
        check_in = self._check_in(42000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        order.job_ids.labour_hours = 1.0
        return order

    def test_odoo_confirm_and_start_need_the_customer_approval(self):
        order = self._draft_order()
        for action in ("action_validate", "action_repair_start"):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "customer's approval"):
                getattr(order.with_user(self.advisor), action)()
            self.assertEqual(order.state, "draft")

    def test_odoo_end_runs_the_after_sales_rules(self):
        order = self.order
        order.job_ids.action_reopen()
        self.assertEqual(order.state, "confirmed")
        order.with_user(self.advisor).action_repair_start()
        with self.assertRaisesRegex(UserError, "Finish or decide every job"):
            order.sudo().action_repair_done()  # sudo: the superuser is refused too
        self.assertEqual(order.state, "under_repair")

    def test_odoo_billing_is_closed_on_after_sales_orders(self):
        order = self.order
        with self.assertRaisesRegex(UserError, "billed by its settlement"):
            order.sudo().action_create_sale_order()  # sudo: the superuser is refused too
        self.assertFalse(order.sale_order_id)
        with self.assertRaisesRegex(UserError, "billed by its settlement"):
            order.sudo().write({"under_warranty": True})  # sudo: the superuser is refused too
        self.assertFalse(order.under_warranty)
        sale = self.env["sale.order"].sudo().create({"partner_id": self.customer.id})  # sudo: a salesperson's quotation
        with self.assertRaisesRegex(UserError, "billed by its settlement"):
            sale.write({"repair_order_ids": [(4, order.id)]})
        self.assertFalse(order.sale_order_id)

    def test_state_written_directly_is_refused(self):
        for user in [self.env.ref("base.user_root"), self.advisor, self.manager]:
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.order.with_user(user).write({"state": "done"})
        self.assertEqual(self.order.state, "confirmed")
        for values in ({"settlement_date": "2026-01-01 10:00:00"}, {"gate_pass_date": "2026-01-01 10:00:00"},
                       {"delivery_date": "2026-01-01 10:00:00"}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, "business step"):
                self.order.with_user(self.advisor).write(values)
        self.assertFalse(self.order.settlement_date or self.order.gate_pass_date or self.order.delivery_date)

    # ------------------------------------------------------------------
    # What the customer signs
    # ------------------------------------------------------------------

    def test_approval_dialog_shows_the_estimate_per_payer(self):
        order = self._draft_order()
        warranty_job = self.env["aftersales.job"].create({
            "repair_id": order.id, "name": "水泵渗漏", "payer": "warranty", "labour_hours": 2.0,
        })
        self._add_part(order, order.job_ids[0], self.oil_filter, 1)
        self._add_part(order, warranty_job, self.water_pump, 1)
        order.invalidate_recordset()
        # Before any approval the order shows the estimate: 1 h × 300 + 58 and 2 h × 200 + 1 450.
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(order.estimate_total, 300.0 + 58.0 + 400.0 + 1450.0)
        self.assertEqual(order.estimate_customer, 358.0)
        self.assertEqual(order.estimate_other_payers, 1850.0)
        self._confirm_five(order)
        wizard = Form(self.env["aftersales.approval.wizard"].with_user(self.advisor).with_context(
            default_repair_id=order.id, default_kind="estimate"))
        self.assertEqual(wizard.amount_total, 2208.0)
        wizard.channel = "phone"
        wizard = wizard.save()
        lines = {line.payer: (line.labour_amount, line.parts_amount, line.amount_total) for line in wizard.line_ids}
        self.assertEqual(lines, {"customer": (300.0, 58.0, 358.0), "warranty": (400.0, 1450.0, 1850.0)})
        wizard.action_approve()
        approved = {approval.payer: approval.amount for approval in order.approval_ids}
        self.assertEqual(approved, {"customer": 358.0, "warranty": 1850.0})

    def test_declining_one_job_in_the_decision_dialog(self):
        order = self.order
        order.job_ids.action_reopen()
        extra = self.env["aftersales.job"].with_user(self.advisor).create({
            "repair_id": order.id, "name": "空调滤芯脏", "labour_hours": 0.5, "is_additional": True,
            "additional_reason": "滤芯发黑",
        })
        wizard = Form(self.env["aftersales.job.decision.wizard"].with_user(self.advisor).with_context(
            default_repair_id=order.id))
        wizard.job_ids.add(extra)
        wizard.decision = "declined"
        wizard.decline_reason = "下次再换"
        wizard.workshop_informed_user_id = self.technician
        wizard.save().action_record()
        self.assertEqual(extra.state, "declined")
        self.assertEqual(extra.workshop_informed_user_id, self.technician)
        self.assertEqual(extra.decline_reason, "下次再换")

    # ------------------------------------------------------------------
    # Money: the settlement's entries stay as the settlement posted them
    # ------------------------------------------------------------------

    def test_settlement_invoice_is_corrected_by_credit_note_only(self):
        order = self.order
        order.action_repair_start()
        self._end_repair(order)
        delivery = self.env["aftersales.delivery.wizard"].with_user(self.advisor).create({"repair_id": order.id})
        delivery.check_line_ids.is_done = True  # the advisor's final check
        delivery.action_deliver()
        order.with_user(self.cashier).action_settle()
        invoice = order.sudo().aftersales_invoice_ids  # sudo: reads the entries
        self.assertEqual((invoice.state, invoice.amount_total), ("posted", 300.0 + 600.0))
        accountant = new_test_user(self.env, login="step_accountant", groups="account.group_account_manager")
        for action in ("button_draft", "button_cancel"):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "credit note"):
                getattr(invoice.with_user(accountant), action)()
            self.assertEqual(invoice.state, "posted")
        with self.assertRaises(UserError):
            invoice.with_user(accountant).unlink()
        self.assertTrue(invoice.exists())
        # The cashier corrects it by credit note; its lines carry the vehicle, as the invoice's do.
        reversal = self.env["account.move.reversal"].with_user(self.cashier).with_context(
            active_model="account.move", active_ids=invoice.ids,
        ).create({"reason": "工时多算", "journal_id": invoice.journal_id.id})
        credit_note = self.env["account.move"].browse(reversal.refund_moves()["res_id"])
        credit_note.with_user(self.cashier).action_post()
        self.assertEqual((credit_note.state, credit_note.amount_total), ("posted", 900.0))
        self.assertEqual(credit_note.invoice_line_ids.vehicle_id, self.vehicle)
        self.assertTrue(order.is_settled)

    def test_duplicated_order_keeps_the_original_amounts(self):
        order = self._draft_order()
        job = order.job_ids
        self._add_part(order, job, self.oil_filter, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        self.assertEqual(order.amount_total, 358.0)
        copy = order.with_user(self.advisor).copy()
        self.assertEqual(order.amount_total, 358.0, "the copy's parts do not land on the original's jobs")
        self.assertEqual(job.move_ids.product_id, self.oil_filter)
        self.assertEqual(copy.move_ids.aftersales_job_id, copy.job_ids)
        self.assertEqual((copy.state, copy.approval_ids), ("draft", self.env["aftersales.approval"]))

    def test_every_role_opens_the_vehicle_form(self):
        """Odoo's fleet accounting reads the vehicle's service log with the vehicle (its form, the posting
        of a credit note on a vehicle line): every after-sales role reads it."""
        for user in self.role_users.values():
            with self.subTest(user=user.login):
                form = Form(self.vehicle.with_user(user), view="fleet.fleet_vehicle_view_form")
                self.assertEqual(form.license_plate, self.vehicle.license_plate)
