from odoo.tests import new_test_user

from odoo.addons.aftersales_reception.tests.common_visit import VisitCase


class InsuranceCaseCommon(VisitCase):
    """A car in after an accident, an insurer with its claims contact and assessor, an insurance clerk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, login="ins_clerk", groups="aftersales_insurance.group_insurance_clerk",
                                  name="孙丽", email="sun.li@dealer.example.com")
        cls.insurer.email = "claims@pingan.example.com"
        cls.assessor = cls.env["res.partner"].create({
            "name": "陈刚", "parent_id": cls.insurer.id, "phone": "13805712233",
        })
        cls.claims_contact = cls.env["res.partner"].create({
            "name": "李静", "parent_id": cls.insurer.id, "email": "li.jing@pingan.example.com",
        })
        cls.Case = cls.env["aftersales.insurance.case"]
        # Only the damage photos and the power of attorney are needed before delivery.
        cls.env["aftersales.insurance.document.type"].search([]).write({"required_for": "optional"})
        cls.photos = cls.env.ref("aftersales_insurance.document_type_photos")
        cls.photos.required_for = "delivery"
        cls.bank_account = cls.env.ref("aftersales_insurance.document_type_bank_account")
        cls.bank_account.required_for = "settlement"
        cls.accountant = new_test_user(cls.env, login="ins_accountant", name="林会计",
                                       groups="account.group_account_manager")
        cls.writeoff_account = cls.env["account.account"].create({
            "name": "保险少赔损失 Insurer shortfall", "code": "660298", "account_type": "expense",
        })
        cls.company.aftersales_insurance_writeoff_account_id = cls.writeoff_account

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _accident_order(self, labour_hours=3.0, parts=None, service=False):
        """A car in after an accident: one insurance job (labour at the insurance rate and the parts),
        with service: also a service the customer pays (1 h and an oil filter, 358)."""
        check_in = self._check_in(41000, ["倒车撞到柱子，前保险杠撞裂", *(["顺便保养"] if service else [])])
        check_in.action_create_work_order()
        order = check_in.repair_id
        job, *other = order.job_ids.sorted("id")
        job.write({"payer": "insurance", "labour_hours": labour_hours})
        for product, quantity in parts or [(self.bumper, 1)]:
            self._add_part(order, job, product, quantity)
        for service_job in other:
            service_job.labour_hours = 1.0
            self._add_part(order, service_job, self.oil_filter, 1)
        self._confirm_five(order)
        order._record_approval("phone", "王小明")
        return order

    def _case(self, order, excess=300.0, **values):
        return self.Case.with_user(self.clerk).create({
            "repair_id": order.id,
            "insurer_id": self.insurer.id,
            "claim_number": "RDAA2026330100001",
            "policy_number": "PDAA2026330100009",
            "insurer_contact_id": self.claims_contact.id,
            "assessor_id": self.assessor.id,
            "excess_amount": excess,
            **values,
        })

    def _assess(self, case, amounts=None):
        """Draft the next round from the jobs, let the assessor price its lines, agree it."""
        case.action_new_assessment()
        assessment = case.assessment_ids.sorted("round_number")[-1]
        for line, amount in zip(assessment.line_ids.sorted("id"), amounts or [], strict=False):
            line.amount = amount
        assessment.action_submit()
        assessment.action_agree()
        return assessment

    def _receive(self, case, *doc_types):
        case.document_ids.filtered(lambda doc: doc.type_id in doc_types).is_received = True

    def _repair(self, order):
        order.action_repair_start()
        order.job_ids.filtered(lambda job: job.state == "approved").action_mark_done()
        self._end_repair(order)

    def _insurer_messages(self, case):
        return case.message_ids.filtered(
            lambda message: message.message_type == "comment" and self.claims_contact in message.partner_ids
        )

    def _settled_case(self):
        """The insurer agreed 2 800 less the 300 excess: it is invoiced 2 500 at the settlement."""
        order = self._accident_order()
        case = self._case(order)
        case.with_user(self.clerk).action_start_assessment()
        self._assess(case.with_user(self.clerk), [700.0, 2100.0])
        self._repair(order)
        case.with_user(self.clerk).extra_agreed = True
        self._receive(case, self.photos, self.bank_account)
        order.with_user(self.cashier).action_settle()
        return case.with_user(self.clerk)

    def _insurer_invoices(self, case):
        return case.sudo()._insurer_invoices()  # sudo: the clerk reads no accounting documents

    def _insurer_pays(self, case, amount, difference="open", user=None):
        """The accountant registers the insurer's bank transfer against its invoice."""
        invoices = self._insurer_invoices(case).with_user(user or self.accountant)
        action = invoices.action_register_payment()
        wizard = self.env["account.payment.register"].with_user(user or self.accountant).with_context(
            **action["context"]
        ).create({"amount": amount, "payment_difference_handling": difference,
                  "writeoff_account_id": self.writeoff_account.id, "writeoff_label": "少赔"})
        return wizard.action_create_payments()
