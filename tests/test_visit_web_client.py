"""A whole visit driven through the web client's JSON-RPC, each step by the role that does it.

Every call goes to ``/web/dataset/call_kw`` in the session of the role's own user, as the
buttons of the forms do: nothing here runs as the superuser but the setup.
"""
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged

from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestVisitThroughTheWebClient(HttpCase, VisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician = new_test_user(cls.env, login="web_technician", name="李师傅",
                                       groups="aftersales_reception.group_workshop_technician")
        cls.inspector = new_test_user(cls.env, login="web_qc", name="周检",
                                      groups="aftersales_workshop.group_qc_inspector")
        cls.foreman = new_test_user(cls.env, login="web_foreman", name="赵强",
                                    groups="aftersales_workshop.group_workshop_foreman")
        cls.parts_clerk = new_test_user(cls.env, login="web_parts", name="陈库管",
                                        groups="aftersales_parts.group_parts_clerk")
        cls.agent = new_test_user(cls.env, login="web_followup", name="刘回访",
                                  groups="aftersales_followup.group_followup_agent")
        cls.outsider = new_test_user(cls.env, login="web_cashier_2", name="孙出纳",
                                     groups="aftersales_reception.group_cashier")
        cls.logged_in = None

    def call(self, user, model, method, *args, **kwargs):
        """What a button or a form does: ``call_kw`` in the user's own session."""
        if self.logged_in != user:
            self.authenticate(user.login, user.login)
            self.logged_in = user
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args),
            "kwargs": {"context": {"lang": "en_US", "tz": "Asia/Shanghai"}, **kwargs},
        }, timeout=120)

    def button(self, user, model, record_id, method, **context):
        """A button of type object: the method on the record, no business arguments."""
        return self.call(user, model, method, [record_id], context={"lang": "en_US", **context})

    def wizard(self, user, model, values, method, **context):
        """A dialog: created with its defaults from the context, then its button."""
        wizard_id = self.call(user, model, "create", [values], context={"lang": "en_US", **context})[0]
        return self.button(user, model, wizard_id, method)

    def test_whole_visit_by_each_role(self):
        advisor, foreman, technician = self.advisor, self.foreman, self.technician
        Order = self.env["repair.order"]

        # Service advisor: walk-in booking, check-in sheet signed by the customer, work order.
        appointment_id = self.call(advisor, "aftersales.appointment", "create", [{
            "vehicle_id": self.vehicle.id, "advisor_id": advisor.id,
            "start_date": fields.Datetime.to_string(fields.Datetime.now()),
            "source": "walk_in", "duration": 2.0, "requested_services": "一万公里保养",
        }])[0]
        action = self.button(advisor, "aftersales.appointment", appointment_id, "action_check_in")
        check_in_id = action["res_id"]
        # The booking's request is the sheet's concern already.
        concerns = self.env["aftersales.check.in"].browse(check_in_id).concern_ids
        self.assertEqual(concerns.mapped("name"), ["一万公里保养"])
        self.call(advisor, "aftersales.check.in", "write", [check_in_id], {
            "odometer": 40210, "customer_signature": SIGNATURE, "signed_by": "王小明",
        })
        self.button(advisor, "aftersales.check.in", check_in_id, "action_sign")
        order_id = self.button(advisor, "aftersales.check.in", check_in_id, "action_create_work_order")["res_id"]
        order = Order.browse(order_id)
        job = order.job_ids
        self.call(advisor, "repair.order", "write", [order_id], {
            "job_ids": [Command.update(job.id, {"labour_hours": 1.0})],
            "move_ids": [Command.create({
                "repair_line_type": "add", "product_id": self.oil_filter.id, "product_uom_qty": 1,
                "aftersales_job_id": job.id,
            }), Command.create({
                "repair_line_type": "add", "product_id": self.engine_oil.id, "product_uom_qty": 4,
                "aftersales_job_id": job.id,
            })],
            "confirm_jobs": True, "confirm_estimate": True, "confirm_promised_time": True,
            "promised_date": fields.Datetime.to_string(order.schedule_date + timedelta(hours=3)),
            "replaced_parts_disposal": "customer_keeps", "car_wash": "wash", "payment_method": "wechat",
        })
        # Before the customer signs, the order shows what he is asked to approve.
        order.invalidate_recordset()
        self.assertEqual(order.estimate_total, 300.0 + 58.0 + 4 * 80.0)
        self.assertEqual(order.state, "draft")

        # A state cannot be typed in, not even by the advisor who owns the order.
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.call(advisor, "repair.order", "write", [order_id], {"state": "done"})
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.call(advisor, "aftersales.approval", "create", [{
                "repair_id": order_id, "payer": "customer", "amount": 678.0, "channel": "phone",
                "approved_by": "王小明",
            }])

        # The customer approves in the dialog: the order is confirmed, the parts reserved.
        action = self.button(advisor, "repair.order", order_id, "action_open_approval_wizard")
        self.wizard(advisor, "aftersales.approval.wizard", {"channel": "in_person", "signature": SIGNATURE},
                    "action_approve", **action["context"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "confirmed")
        self.assertEqual(order.approval_ids.mapped("amount"), [678.0])
        self.assertEqual(set(order.move_ids.mapped("state")), {"assigned"})

        # Workshop foreman: takes the car, dispatches the job to the technician.
        self.button(foreman, "repair.order", order_id, "action_handover_to_workshop")
        self.wizard(foreman, "aftersales.dispatch.wizard",
                    {"job_ids": [Command.set(job.ids)], "technician_ids": [Command.set(technician.ids)]},
                    "action_dispatch")
        # Someone else's job cannot be clocked: the cashier is refused.
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions"):
            self.button(self.cashier, "aftersales.job", job.id, "action_clock_start")

        # Technician: clocks on; the parts clerk prepares the issue note, the technician signs it
        # from his own login, the clerk hands the parts over.
        self.button(technician, "aftersales.job", job.id, "action_clock_start")
        order.invalidate_recordset()
        self.assertEqual(order.state, "under_repair")
        action = self.button(self.parts_clerk, "repair.order", order_id, "action_create_parts_issue")
        issue_id = action["res_id"]
        action = self.button(technician, "aftersales.parts.issue", issue_id, "action_open_technician_sign")
        self.wizard(technician, "aftersales.parts.issue.sign", {"signature": SIGNATURE}, "action_sign",
                    **action["context"])
        self.button(self.parts_clerk, "aftersales.parts.issue", issue_id, "action_validate")
        issue = self.env["aftersales.parts.issue"].browse(issue_id)
        self.assertEqual(issue.technician_id, technician)
        self.assertEqual(issue.state, "done")
        self.assertEqual(self.oil_filter.qty_available, 49.0)
        self.assertEqual(self.engine_oil.qty_available, 46.0)
        self.button(technician, "aftersales.job", job.id, "action_clock_finish")
        self.assertEqual(job.state, "done")

        # QC inspector: passes the car and ends the repair himself.
        check_id = self.call(self.inspector, "aftersales.quality.check", "create", [{
            "repair_id": order_id, "jobs_checked": True, "road_test_done": True, "wash_done": True,
        }])[0]
        self.button(self.inspector, "aftersales.quality.check", check_id, "action_pass")
        self.button(self.inspector, "aftersales.quality.check", check_id, "action_end_repair")
        order.invalidate_recordset()
        self.assertEqual(order.state, "done")
        self.assertTrue(order.is_ready_for_delivery, order.delivery_blockers)

        # Service advisor: hands the car back.
        action = self.button(advisor, "repair.order", order_id, "action_open_delivery_wizard")
        delivery_id = self.call(advisor, "aftersales.delivery.wizard", "create", [{"mileage_out": 40215}],
                                context={"lang": "en_US", **action["context"]})[0]
        # The final check, every item ticked.
        check_line_ids = self.call(advisor, "aftersales.delivery.wizard", "read", [delivery_id], ["check_line_ids"])[0][
            "check_line_ids"]
        self.assertTrue(check_line_ids)
        self.call(advisor, "aftersales.delivery.wizard.line", "write", check_line_ids, {"is_done": True})
        self.button(advisor, "aftersales.delivery.wizard", delivery_id, "action_deliver")
        self.assertEqual(self.vehicle.current_mileage, 40215)

        # Cashier: settles (one invoice, 678.00 tax included), takes the payment, issues the gate pass.
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.call(self.cashier, "repair.order", "write", [order_id],
                      {"settlement_date": fields.Datetime.to_string(fields.Datetime.now())})
        self.button(self.cashier, "repair.order", order_id, "action_settle")
        order.invalidate_recordset()
        invoice = order.aftersales_invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual((invoice.state, invoice.amount_total, invoice.partner_id),
                         ("posted", 678.0, self.customer))
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.button(self.cashier, "repair.order", order_id, "action_issue_gate_pass")
        self.assertFalse(order.gate_pass_date)
        self.wizard(self.cashier, "account.payment.register", {}, "action_create_payments",
                    active_model="account.move", active_ids=invoice.ids)
        invoice.invalidate_recordset()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.button(self.cashier, "repair.order", order_id, "action_issue_gate_pass")
        order.invalidate_recordset()
        self.assertTrue(order.gate_pass_date)
        self.assertEqual(order.gate_pass_user_id, self.cashier)

        # Follow-up agent: the first call after delivery, recorded on the call.
        call = self.env["aftersales.followup.call"].search([("repair_id", "=", order_id)], limit=1)
        self.assertTrue(call, "delivery schedules the follow-up call")
        with self.assertRaisesRegex(JsonRpcException, "odoo.exceptions.UserError"):
            self.call(self.agent, "aftersales.followup.call", "write", [call.id], {"state": "done"})
        self.call(self.agent, "aftersales.followup.call", "write", [call.id],
                  {"customer_words": "很满意", "score": 5})
        self.button(self.agent, "aftersales.followup.call", call.id, "action_outcome_satisfied")
        call.invalidate_recordset()
        self.assertEqual((call.state, call.outcome), ("done", "satisfied"))
