from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase

STEP_REFUSED = "only its business step"


@tagged("post_install", "-at_install")
class TestPartsSteps(VisitCase):
    """Each state of the store changes through its step, by the role that owns it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="steps_clerk", groups="aftersales_parts.group_parts_clerk",
                                  name="陈丽")
        cls.technician = new_test_user(cls.env, login="steps_technician", name="刘伟",
                                       groups="aftersales_reception.group_workshop_technician")

    def _approved_order_with(self, product, quantity, payer="customer"):
        check_in = self._check_in(41000, ["保养"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        job = order.job_ids
        job.write({"labour_hours": 1.0, "payer": payer})
        self._add_part(order, job, product, quantity)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        return order

    def _on_hand(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    # ------------------------------------------------------------------
    # Issue notes: the technician signs from his own login, the clerk validates
    # ------------------------------------------------------------------

    def test_technician_signs_then_clerk_validates(self):
        order = self._approved_order_with(self.engine_oil, 4)
        note = order.with_user(self.clerk)._create_parts_note("issue")
        self.assertFalse(note.technician_id, "nobody signed yet")
        with self.assertRaisesRegex(AccessError, "cannot sign for him"):
            note._technician_sign(SIGNATURE)
        with self.assertRaisesRegex(UserError, "technician signs"):
            note.action_validate()

        before = fields.Datetime.now()
        note.with_user(self.technician)._technician_sign(SIGNATURE)
        self.assertRecordValues(note, [{
            "technician_id": self.technician.id, "signed_by": "刘伟", "state": "draft", "clerk_id": False,
        }])
        self.assertGreaterEqual(note.signed_date, before)
        self.assertTrue(note.signature)
        with self.assertRaisesRegex(UserError, "already signed by 刘伟"):
            note.with_user(self.technician)._technician_sign(SIGNATURE)
        # What he signed for is what leaves: the clerk cannot change the lines any more.
        with self.assertRaisesRegex(UserError, "signed note"):
            note.line_ids.quantity = 3
        self.assertEqual(note.line_ids.quantity, 4)
        # The technician does not hand parts over to himself.
        with self.assertRaises(AccessError):
            note.with_user(self.technician).action_validate()
        self.assertEqual(self._on_hand(self.engine_oil), 50)

        note.action_validate()
        self.assertRecordValues(note, [{"state": "done", "clerk_id": self.clerk.id,
                                        "technician_id": self.technician.id}])
        self.assertEqual(self._on_hand(self.engine_oil), 46)

    def test_demo_technician_signs_with_his_login(self):
        technician = self.env.ref("aftersales_reception.demo_user_technician", raise_if_not_found=False)
        if not technician:
            self.skipTest("the demo technician (login as_technician) is demo data")
        order = self._approved_order_with(self.oil_filter, 1)
        note = order.with_user(self.clerk)._create_parts_note("issue")
        note.with_user(technician)._technician_sign(SIGNATURE)
        self.assertEqual(note.technician_id, technician)
        note.action_validate()
        self.assertEqual(self._on_hand(self.oil_filter), 49)

    def test_note_step_fields_refused(self):
        order = self._approved_order_with(self.engine_oil, 4)
        note = order.with_user(self.clerk)._create_parts_note("issue")
        for values in (
            {"state": "done"},
            {"clerk_id": self.clerk.id},
            {"date_done": fields.Datetime.now()},
            {"technician_id": self.technician.id},
            {"signed_by": "刘伟"},
            {"signature": SIGNATURE},
        ):
            field = next(iter(values))  # subtests' parameters travel between test processes: plain strings
            with self.subTest(field=field), self.assertRaisesRegex(UserError, STEP_REFUSED):
                note.write(values)
            with self.subTest(field=field, user="superuser"), self.assertRaisesRegex(UserError, STEP_REFUSED):
                note.sudo().write(values)  # sudo: the superuser is refused too
        self.assertRecordValues(note, [{"state": "draft", "technician_id": False, "signed_by": False,
                                        "clerk_id": False, "date_done": False}])
        self.assertFalse(note.signature)
        # The technician himself signs only through his step.
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            note.with_user(self.technician).write({"signature": SIGNATURE})
        Note = self.env["aftersales.parts.issue"].with_user(self.clerk)
        line = {"move_id": order.move_ids.id, "quantity": 4}
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            Note.create({"repair_id": order.id, "state": "done", "line_ids": [Command.create(line)]})
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            Note.with_context(default_technician_id=self.technician.id).create({
                "repair_id": order.id, "line_ids": [Command.create(line)],
            })
        self.assertEqual(self._on_hand(self.engine_oil), 50)
        self.assertEqual(order.move_ids.state, "assigned")

    # ------------------------------------------------------------------
    # Replaced parts, stocktakes, the monthly order, refusals
    # ------------------------------------------------------------------

    def test_replaced_part_state_only_by_processing(self):
        order = self._approved_order_with(self.brake_pads, 1)
        part = self.env["aftersales.replaced.part"].with_user(self.clerk).create({
            "repair_id": order.id, "product_id": self.brake_pads.id, "disposition": "customer",
        })
        for values in ({"state": "handed_over"}, {"move_id": order.move_ids.id}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, STEP_REFUSED):
                part.write(values)
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            part.create({"repair_id": order.id, "product_id": self.brake_pads.id, "state": "scrapped"})
        self.assertEqual(part.state, "pending")
        part.action_process()
        self.assertEqual(part.state, "handed_over")

    def test_stocktake_approved_only_by_the_manager(self):
        stocktake = self.env["aftersales.stocktake"].with_user(self.clerk).create({
            "location_id": self.stock_location.id, "kind": "cycle", "product_ids": [Command.set(self.oil_filter.ids)],
        })
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            stocktake.write({"state": "counting"})
        stocktake.action_start_count()
        stocktake.line_ids.counted_qty = 45
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            stocktake.line_ids.theoretical_qty = 45
        stocktake.action_submit()
        # Found: the clerk wrote the stocktake to approved without the manager. Refused, for every user.
        approval = {"state": "done", "approved_by_id": self.clerk.id, "approved_date": fields.Datetime.now()}
        for name, value in approval.items():
            with self.subTest(field=name), self.assertRaisesRegex(UserError, STEP_REFUSED):
                stocktake.write({name: value})
            with self.subTest(field=name, user="superuser"), self.assertRaisesRegex(UserError, STEP_REFUSED):
                stocktake.sudo().write({name: value})  # sudo: the superuser is refused too
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            stocktake.write({"submitted_date": False, "count_start_date": False})
        with self.assertRaisesRegex(UserError, STEP_REFUSED):
            stocktake.create({"location_id": self.stock_location.id, "state": "done"})
        self.assertRecordValues(stocktake, [{"state": "to_approve", "approved_by_id": False}])
        self.assertEqual(self._on_hand(self.oil_filter), 50, "nothing applied")

        stocktake.with_user(self.manager).action_approve()
        self.assertRecordValues(stocktake, [{"state": "done", "approved_by_id": self.manager.id}])
        self.assertEqual(self._on_hand(self.oil_filter), 45)

    def test_monthly_order_state_only_by_its_steps(self):
        proposal = self.env["aftersales.replenishment"].with_user(self.clerk).create({
            "vendor_id": self.manufacturer.id,
        })
        purchase = self.env["purchase.order"].create({"partner_id": self.manufacturer.id})
        for values in ({"state": "ordered"}, {"purchase_id": purchase.id}):
            with self.subTest(values=values), self.assertRaisesRegex(UserError, STEP_REFUSED):
                proposal.write(values)
        self.assertRecordValues(proposal, [{"state": "draft", "purchase_id": False}])
        proposal.action_cancel()
        self.assertEqual(proposal.state, "cancel")

    def test_refusals_recorded_by_the_receipt_check_only(self):
        order = self.env["purchase.order"].create({
            "partner_id": self.manufacturer.id,
            "order_line": [Command.create({"product_id": self.brake_pads.id, "product_qty": 4, "price_unit": 310})],
        })
        order.button_confirm()
        receipt = order.picking_ids
        damaged = self.env.ref("aftersales_parts.refusal_reason_damaged")
        Refusal = self.env["aftersales.receipt.refusal"].with_user(self.clerk)
        with self.assertRaisesRegex(UserError, "kept by their business step"):
            Refusal.create({"picking_id": receipt.id, "move_id": receipt.move_ids.id, "quantity": 1,
                            "reason_id": damaged.id})
        refusal = receipt.with_user(self.clerk)._aftersales_check_receipt([{
            "move_id": receipt.move_ids.id, "delivered_qty": 4, "refused_qty": 1, "reason_id": damaged.id,
        }])
        self.assertEqual(refusal.quantity, 1)
        with self.assertRaisesRegex(UserError, "kept by their business step"):
            refusal.quantity = 0.5
        with self.assertRaisesRegex(UserError, "kept by their business step|returned to the vendor cannot be deleted"):
            refusal.sudo().unlink()  # sudo: the superuser is refused too
        self.assertEqual(refusal.quantity, 1)
        self.assertEqual(self._on_hand(self.brake_pads), 53)

    # ------------------------------------------------------------------
    # Parts leave the store only against a work order
    # ------------------------------------------------------------------

    def _delivery(self, product, quantity, user=None, confirm=True):
        warehouse = self.stock_location.warehouse_id
        customers = self.env.ref("stock.stock_location_customers")
        picking = self.env["stock.picking"].with_user(user or self.env.user).create({
            "picking_type_id": warehouse.out_type_id.id,
            "partner_id": self.customer.id,
            "location_id": self.stock_location.id,
            "location_dest_id": customers.id,
            "move_ids": [Command.create({
                "product_id": product.id, "product_uom_qty": quantity,
                "location_id": self.stock_location.id, "location_dest_id": customers.id,
            })],
        })
        if confirm:
            picking.action_confirm()
            picking.action_assign()
            picking.move_ids.picked = True
        return picking

    def test_aftersales_roles_send_parts_out_only_on_orders(self):
        for user in (self.clerk, self.advisor):
            with self.subTest(user=user.login):
                picking = self._delivery(self.brake_pads, 2, user=user)
                with self.assertRaisesRegex(UserError, "leave the store only against a work order"):
                    picking.button_validate()
                self.assertNotEqual(picking.state, "done")
        self.assertEqual(self._on_hand(self.brake_pads), 50)
        # Nor scrapped or written off outside the stocktake the manager approves.
        scrap = self.env["stock.scrap"].with_user(self.clerk).create({
            "product_id": self.brake_pads.id, "scrap_qty": 1, "location_id": self.stock_location.id,
        })
        with self.assertRaisesRegex(UserError, "leave the store only against a work order"):
            scrap.action_validate()
        self.assertEqual(self._on_hand(self.brake_pads), 50)

        # A work order's parts leave on its signed issue note, not by validating its moves directly.
        order = self._approved_order_with(self.brake_pads, 1)
        move = order.move_ids.with_user(self.clerk)
        move.picked = True
        with self.assertRaisesRegex(UserError, "leave the store only against a work order"):
            move._action_done()
        self.assertEqual(move.state, "assigned")
        self.assertEqual(self._on_hand(self.brake_pads), 50)

    def test_cashier_creates_no_delivery(self):
        with self.assertRaises(AccessError):
            self._delivery(self.brake_pads, 2, user=self.cashier)
        picking = self._delivery(self.brake_pads, 2)
        with self.assertRaises(AccessError):
            picking.with_user(self.cashier).write({"partner_id": self.insurer.id})
        with self.assertRaisesRegex(UserError, "leave the store only against a work order"):
            picking.with_user(self.cashier).button_validate()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self._on_hand(self.brake_pads), 50)
        self.assertTrue(picking.with_user(self.cashier).read(["name"]), "the cashier still reads transfers")

    def test_stock_users_outside_aftersales_keep_their_rights(self):
        keeper = new_test_user(self.env, login="warehouse_keeper", groups="stock.group_stock_user")
        picking = self._delivery(self.brake_pads, 2, user=keeper)
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._on_hand(self.brake_pads), 48)
        # The cashier's rule is the cashier's: Odoo's invoicing users keep the rights Odoo gives them.
        accountant = new_test_user(self.env, login="invoicing_only", groups="account.group_account_invoice")
        self.assertTrue(self._delivery(self.brake_pads, 1, user=accountant, confirm=False))


@tagged("post_install", "-at_install")
class TestRetainedPartsAreNotStock(VisitCase):
    """Old spark plugs kept for a warranty claim are not stock of the new spark plug."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="retain_clerk", groups="aftersales_parts.group_parts_clerk")
        average = cls.env["product.category"].create({"name": "点火系统 AVCO", "property_cost_method": "average"})
        cls.spark_plug = cls.env["product.product"].create({
            "name": "火花塞 Spark plug", "default_code": "101905601F", "type": "consu", "is_storable": True,
            "categ_id": average.id, "list_price": 98.0, "standard_price": 45.0,
            "taxes_id": [Command.set(cls.vat.ids)],
        })
        # 48 received from the manufacturer at 45.00.
        receipt = cls.env["stock.move"].create({
            "product_id": cls.spark_plug.id, "product_uom_qty": 48, "price_unit": 45.0,
            "location_id": cls.env.ref("stock.stock_location_suppliers").id, "location_dest_id": cls.stock_location.id,
        })
        receipt._action_confirm()
        receipt.quantity = 48
        receipt.picked = True
        receipt._action_done()
        cls.warehouse = cls.stock_location.warehouse_id

    def _warranty_order_done(self):
        """Four spark plugs fitted under warranty, issued, the repair ended and the old plugs recorded."""
        check_in = self._check_in(41000, ["发动机抖动"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        job = order.job_ids
        job.write({"labour_hours": 1.0, "payer": "warranty"})
        self._add_part(order, job, self.spark_plug, 4)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        order.action_repair_start()
        job.action_mark_done()
        self._end_repair(order)
        order.action_record_replaced_parts()
        return order

    def _figures(self):
        """Everything that says how many new spark plugs the store has, and what they are worth."""
        self.env.flush_all()
        self.env.invalidate_all()
        plug = self.spark_plug
        report = self.env["aftersales.parts.stock.report"].search([("product_id", "=", plug.id)])
        proposal = self.env["aftersales.replenishment"].create({
            "vendor_id": self.manufacturer.id, "warehouse_id": self.warehouse.id, "months": 1,
            "date": fields.Date.today() + relativedelta(months=1),
        })
        proposal.action_compute()
        line = proposal.line_ids.filtered(lambda line: line.product_id == plug)
        stock_quants = self.env["stock.quant"].search([
            ("product_id", "=", plug.id), ("location_id.usage", "=", "internal"),
        ])
        return {
            "qty_available": plug.qty_available,
            "warehouse_qty_available": plug.with_context(warehouse_id=self.warehouse.id).qty_available,
            "virtual_available": plug.virtual_available,
            "free_qty": plug.free_qty,
            "total_value": plug.total_value,
            "avg_cost": plug.avg_cost,
            "standard_price": plug.standard_price,
            "quant_value": sum(stock_quants.mapped("value")),
            "report_qty_on_hand": report.qty_on_hand,
            "report_value": report.value,
            "report_consumption": report.consumption_qty,
            "proposal_consumption": line.consumption_qty,
            "proposal_on_hand": line.on_hand_qty,
            "proposal_forecast": line.forecast_qty,
        }

    def test_retaining_changes_no_stock_figure(self):
        order = self._warranty_order_done()
        old_plugs = order.replaced_part_ids
        self.assertEqual(old_plugs.disposition, "warranty")
        before = self._figures()
        self.assertEqual(before["qty_available"], 44, "48 received, 4 fitted")
        self.assertEqual(before["total_value"], 44 * 45.0)
        self.assertEqual(before["quant_value"], 44 * 45.0)
        self.assertEqual(before["proposal_consumption"], 4)

        old_plugs.with_user(self.clerk).action_process()
        self.assertEqual(old_plugs.state, "retained")
        after = self._figures()
        self.assertEqual(after, before, "found: on hand went 44 → 48 when four old plugs were retained")
        self.assertEqual(after["qty_available"], 44)
        self.assertEqual(after["virtual_available"], 44)
        self.assertEqual(after["total_value"], 1980.0)

        location = self.company.aftersales_retained_location_id
        self.assertEqual(old_plugs.location_id, location)
        self.assertEqual(location.usage, "inventory")
        self.assertFalse(location.warehouse_id)
        self.assertEqual(self.spark_plug.with_context(location=location.id).qty_available, 4,
                         "the old plugs are kept, out of the stock")
        retained = self.env["stock.quant"].search([("product_id", "=", self.spark_plug.id),
                                                   ("location_id", "=", location.id)])
        self.assertEqual((retained.quantity, retained.value), (4.0, 0.0))
        self.assertRecordValues(old_plugs.move_id, [{"is_in": False, "is_out": False, "value": 0.0}])

    def test_older_retained_location_migrated(self):
        # The location of older versions: internal, in the warehouse.
        old_location = self.env["stock.location"].create({
            "name": "Warranty Retained Parts", "usage": "internal",
            "location_id": self.warehouse.view_location_id.id, "company_id": self.company.id,
        })
        self.env.cr.execute("UPDATE res_company SET aftersales_retained_location_id = %s WHERE id = %s",
                            [old_location.id, self.company.id])
        self.company.invalidate_recordset(["aftersales_retained_location_id"])
        order = self._warranty_order_done()
        before = self._figures()
        order.replaced_part_ids.with_env(self.env).action_process()
        wrong = self._figures()
        self.assertEqual(wrong["qty_available"], 48, "the old bug: retained plugs counted as on hand")
        self.assertEqual(wrong["total_value"], 48 * 45.0)

        migrated = self.env["res.company"]._aftersales_migrate_retained_locations()
        self.assertEqual(migrated, old_location)
        self.assertRecordValues(old_location, [{"usage": "inventory", "location_id": False, "warehouse_id": False}])
        self.assertEqual(self._figures(), before)
        self.assertEqual(order.replaced_part_ids.location_id, old_location)
        self.assertEqual(self.spark_plug.with_context(location=old_location.id).qty_available, 4)
        self.assertFalse(self.env["res.company"]._aftersales_migrate_retained_locations(), "once is enough")
