"""Approvals through the web client's JSON-RPC, each step by its role, as the buttons and dialogs do.

The service manager switches a rule on in its screen and it applies at once; the approver approves or refuses with
a reason; the step waits for the approval and goes through once it is given."""
from urllib.parse import urljoin

from odoo.tests import HttpCase, JsonRpcException, new_test_user, tagged

from odoo.addons.aftersales_insurance.tests.common import InsuranceCaseCommon


@tagged("post_install", "-at_install")
class TestApprovalsThroughTheWebClient(HttpCase, InsuranceCaseCommon):
    logged_in = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supervisor = new_test_user(cls.env, login="web_supervisor", name="陈志强",
                                       groups="aftersales_tier_validation.group_service_supervisor")

    def call(self, user, model, method, *args, **kwargs):
        """What a button or a form does: ``call_kw`` in the user's own session."""
        if self.logged_in != user:
            self.authenticate(user.login, user.login)
            self.logged_in = user
        kwargs.setdefault("context", {})
        kwargs["context"] = {"lang": "en_US", "tz": "Asia/Shanghai", **kwargs["context"]}
        response = self.opener.post(urljoin(self.base_url(), "/web/dataset/call_kw"), json={
            "id": 0, "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }, timeout=120)
        response.raise_for_status()
        answer = response.json()
        if "error" in answer:
            # What the user reads in the error dialog.
            error = answer["error"]["data"]
            raise JsonRpcException(answer["error"]["code"], f"{error['name']}: {error['message']}")
        return answer.get("result")

    def dialog(self, user, model, values, method, context):
        """A dialog opened by a button: created with the button's context, then its own button."""
        wizard_id = self.call(user, model, "create", [values], context=context)[0]
        return self.call(user, model, method, [wizard_id])

    def decide(self, user, model, record_id, approve, reason):
        """The approver's Approve or Refuse button, then the reason in its dialog."""
        action = self.call(user, model, "validate_tier" if approve else "reject_tier", [record_id])
        self.dialog(user, action["res_model"], {"comment": reason}, "add_comment", action["context"])

    def test_additional_work_discount_refused_then_approved(self):
        advisor, technician, supervisor = self.advisor, self.technician, self.supervisor
        rule = self.env.ref("aftersales_tier_validation.tier_definition_additional_work_discount")
        self.call(self.manager, "tier.definition", "write", [rule.id], {"active": True})
        order = self._approved_order()
        self._dispatch(order.job_ids, technician)
        order.action_repair_start()
        # The technician finds worn brake discs; the advisor offers the work 10 % below the customer rate.
        job_id = self.call(technician, "aftersales.job", "create", [{
            "repair_id": order.id, "name": "更换前刹车盘", "additional_reason": "刹车盘磨损超限",
            "labour_hours": 2.0, "added_hours": 2.0, "is_additional": True,
        }])[0]
        self.call(advisor, "aftersales.job", "write", [job_id], {"labour_rate": 270.0})
        decision = self.call(advisor, "repair.order", "action_open_decision_wizard", [order.id])
        customer_yes = {"job_ids": [[6, 0, [job_id]]], "decision": "approved", "channel": "phone",
                        "approved_by": "王小明", "workshop_informed_user_id": technician.id}
        with self.assertRaisesRegex(JsonRpcException, "needs approval first: Discount on additional work"):
            self.dialog(advisor, decision["res_model"], customer_yes, "action_record", decision["context"])
        self.call(advisor, "aftersales.job", "action_request_aftersales_approval", [job_id])
        with self.assertRaisesRegex(JsonRpcException, "You cannot approve or refuse"):
            self.call(advisor, "aftersales.job", "validate_tier", [job_id])

        self.decide(supervisor, "aftersales.job", job_id, False, "追加项目不打折")
        with self.assertRaisesRegex(JsonRpcException, "was refused: Discount on additional work"):
            self.dialog(advisor, decision["res_model"], customer_yes, "action_record", decision["context"])
        self.call(advisor, "aftersales.job", "restart_validation", [job_id])
        self.call(advisor, "aftersales.job", "action_request_aftersales_approval", [job_id])
        self.decide(supervisor, "aftersales.job", job_id, True, "老客户，同意九折")

        self.dialog(advisor, decision["res_model"], customer_yes, "action_record", decision["context"])
        job = self.env["aftersales.job"].browse(job_id)
        job.invalidate_recordset()
        self.assertEqual((job.state, job.amount_total), ("approved", 540.0))
        self.assertEqual(job.review_ids.mapped("status"), ["approved"])
        self.assertEqual(job.review_ids.done_by, supervisor)

    def test_shortfall_approved_and_written_off(self):
        clerk, accountant, manager = self.clerk, self.accountant, self.manager
        case = self._settled_case()
        invoice = self._insurer_invoices(case)
        self.assertEqual(invoice.amount_total, 2500.0)
        rule = self.env.ref("aftersales_insurance_tier_validation.tier_definition_insurance_write_off")

        # The service manager switches the rule on in the approval rules' screen: it applies at once.
        self.call(manager, "tier.definition", "write", [rule.id], {"active": True})

        # The accountant registers the insurer's 2 300; marking the invoice fully paid is refused.
        action = self.call(accountant, "account.move", "action_register_payment", [invoice.id])
        payment = {"amount": 2300.0, "payment_difference_handling": "reconcile",
                   "writeoff_account_id": self.writeoff_account.id, "writeoff_label": "少赔"}
        with self.assertRaisesRegex(JsonRpcException, "written off by the step"):
            self.dialog(accountant, "account.payment.register", payment, "action_create_payments", action["context"])
        self.assertEqual(invoice.amount_residual, 2500.0)
        payment["payment_difference_handling"] = "open"
        self.dialog(accountant, "account.payment.register", payment, "action_create_payments", action["context"])
        self.assertEqual(invoice.amount_residual, 200.0)

        # The insurance clerk records the shortfall: it waits for the service manager.
        action = self.call(clerk, "aftersales.insurance.case", "action_open_shortfall_wizard", [case.id])
        self.dialog(clerk, action["res_model"], {"amount": 200.0, "reason": "残值扣除"}, "action_confirm",
                    action["context"])
        case.invalidate_recordset()
        self.assertEqual((case.writeoff_state, case.writeoff_amount), ("to_book", 200.0))
        with self.assertRaisesRegex(JsonRpcException, "needs approval first"):
            self.call(clerk, "aftersales.insurance.case", "action_book_write_off", [case.id])
        self.call(clerk, "aftersales.insurance.case", "action_request_aftersales_approval", [case.id])
        # The clerk cannot approve his own write-off.
        with self.assertRaisesRegex(JsonRpcException, "You cannot approve or refuse"):
            self.call(clerk, "aftersales.insurance.case", "validate_tier", [case.id])

        # The service manager approves with a reason, from the activity's document.
        self.decide(manager, "aftersales.insurance.case", case.id, True, "申诉无果，同意核销")

        # The clerk books it: the shortfall leaves the insurer's receivable for the shortfall account.
        self.call(clerk, "aftersales.insurance.case", "action_book_write_off", [case.id])
        case.invalidate_recordset()
        self.assertEqual(case.writeoff_state, "booked")
        loss = case.sudo().writeoff_move_id.line_ids.filtered(  # sudo: the clerk reads no accounting documents
            lambda line: line.account_id == self.writeoff_account)
        self.assertEqual((loss.debit, loss.credit), (200.0, 0.0))
        invoice.invalidate_recordset()
        self.assertEqual(invoice.amount_residual, 0.0)
        review = case.sudo().review_ids  # sudo: the reviews as the chatter shows them
        self.assertEqual((review.status, review.done_by, review.comment), ("approved", manager, "申诉无果，同意核销"))
