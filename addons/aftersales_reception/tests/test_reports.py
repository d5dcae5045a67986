from odoo import Command
from odoo.tests import tagged

from .common_visit import SIGNATURE, VisitCase


@tagged("post_install", "-at_install")
class TestReports(VisitCase):
    def _render(self, report, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(f"aftersales_reception.{report}", records.ids)
        return html.decode()

    def test_paper_forms(self):
        check_in = self._check_in(41000, ["刹车有异响", "空调不凉"], damage_ids=[
            Command.create({"location": "front_bumper", "kind": "scratch", "note": "左前角划痕"}),
        ])
        html = self._render("action_report_check_in", check_in)
        for expected in ("刹车有异响", "空调不凉", "左前角划痕", "王小明", "41,000"):
            self.assertIn(expected, html)

        check_in.action_create_work_order()
        order = check_in.repair_id
        brakes, aircon = order.job_ids.sorted("id")
        brakes.labour_hours = 1.5
        aircon.write({"labour_hours": 1.0, "payer": "warranty"})
        self._add_part(order, brakes, self.brake_pads, 1)
        self._confirm_five(order)
        self.assertIn("620", self._render("action_report_estimate", order))
        order._record_approval("in_person", "王小明", signature=SIGNATURE)
        work_order = self._render("action_report_work_order", order)
        self.assertIn(order.name, work_order)
        self.assertIn("data:image/png;base64", work_order, "the customer's signature is on the contract")

        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        order._record_delivery(41010, "2027-05-01", 46010)
        vat_before = order._settlement_vat()
        order.with_user(self.cashier).action_settle()
        settlement = self._render("action_report_settlement", order)
        self.assertIn("46,010", settlement, "the next service mileage is written on the statement")
        self.assertIn("1,070.00", settlement, "customer share: 1.5 h x 300 + 620")
        self.assertIn("壹仟零柒拾元整", settlement, "the customer's share in capital numerals")
        self.assertIn("200.00", settlement, "warranty share: 1 h x 200")
        # The VAT the shares include (13%, rounded per line): customer 450 -> 398.23 + 51.77 and
        # 620 -> 548.67 + 71.33; warranty 200 -> 176.99 + 23.01.
        vat = order._settlement_vat()
        self.assertEqual({payer: (round(amounts["untaxed"], 2), round(amounts["tax"], 2), round(amounts["total"], 2))
                          for payer, amounts in vat.items()},
                         {"customer": (946.90, 123.10, 1070.00), "warranty": (176.99, 23.01, 200.00)})
        self.assertEqual(vat_before, vat, "the statement before the settlement shows the VAT its invoices hold")
        for expected in ("946.90", "123.10", "176.99", "23.01"):
            self.assertIn(expected, settlement)

        order.with_user(self.manager).action_allow_credit()
        order.with_user(self.cashier).action_issue_gate_pass()
        gate_pass = self._render("action_report_gate_pass", order)
        self.assertIn(self.vehicle.license_plate, gate_pass)
        self.assertIn(self.manager.name, gate_pass, "the credit approval is named")

    def test_preparation_list(self):
        appointment = self.env["aftersales.appointment"].create({
            "vehicle_id": self.vehicle.id, "advisor_id": self.advisor.id, "source": "walk_in",
            "start_date": self._next_monday(hour_utc=1), "parts_to_prepare": "前刹车片 5QD698151",
            "requested_services": "两万公里保养",
        })
        html = self._render("action_report_appointment_preparation", appointment)
        for expected in ("前刹车片 5QD698151", "两万公里保养", self.vehicle.license_plate, "王"):
            self.assertIn(expected, html)
