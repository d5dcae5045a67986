from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_payment import PaymentCase


@tagged("post_install", "-at_install")
class TestPartOrigin(PaymentCase):
    """Genuine, non-genuine and customer-supplied parts: what is billed, what leaves the stock, what is printed."""

    def _render(self, report, order, user=None):
        html, _type = self.env["ir.actions.report"].with_user(user or self.advisor)._render_qweb_html(
            f"aftersales_reception.{report}", order.ids)
        return html.decode()

    def _free(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    def test_origins_billed_stocked_and_printed(self):
        other_pads = self._make_part("前刹车片（品牌件）Brand pads", "BP-5QD", 380.0, 200.0)
        other_pads.aftersales_part_origin = "non_genuine"
        check_in = self._check_in(41000, ["刹车异响", "更换前保险杠"])
        check_in.action_create_work_order()
        order = check_in.repair_id
        brakes, bumper_job = order.job_ids.sorted("id")
        brakes.labour_hours = 1.0
        bumper_job.labour_hours = 1.0
        genuine = self._add_part(order, brakes, self.brake_pads, 1)
        non_genuine = self._add_part(order, brakes, other_pads, 1)
        supplied = self._add_part(order, bumper_job, self.bumper, 1)
        self.assertEqual((genuine.aftersales_part_origin, non_genuine.aftersales_part_origin),
                         ("genuine", "non_genuine"), "from the part")
        self.assertEqual(supplied.billing_price_unit, 2300.0)
        supplied.with_user(self.advisor).aftersales_part_origin = "customer_supplied"
        self.assertEqual(supplied.billing_price_unit, 0.0, "the customer's own part is not charged")
        self.assertEqual(supplied.location_id, self.env.ref("stock.stock_location_customers"),
                         "it does not come out of the dealer's stock")
        self.assertEqual(genuine.location_id, self.stock_location)

        self._confirm_five(order)
        order.payment_method = "cash"
        order._record_approval("phone", "王小明")
        with self.assertRaisesRegex(UserError, "before the work order is approved"):
            genuine.with_user(self.advisor).aftersales_part_origin = "customer_supplied"
        order.action_repair_start()
        order.job_ids.action_mark_done()
        self._end_repair(order)
        self.assertEqual((genuine.state, supplied.state), ("done", "done"))
        self.assertEqual(self._free(self.brake_pads), 49.0)
        self.assertEqual(self._free(other_pads), 49.0)
        self.assertEqual(self._free(self.bumper), 50.0, "the bumper the customer brought leaves no gap in stock")

        order.with_user(self.cashier).action_settle()
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 1600.0, "600 of labour, 620 and 380 of pads, nothing for the bumper")
        statement = self._render("action_report_settlement", order, user=self.cashier)
        for text in ("Non-genuine", "Customer-supplied", "no guarantee"):
            self.assertIn(text, statement)
        guarantee = self._render("action_report_guarantee", order)
        self.assertIn("are not guaranteed by us", guarantee)
