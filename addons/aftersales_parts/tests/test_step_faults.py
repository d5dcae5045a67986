import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.aftersales_reception.tests.common_faults import StepFaultMixin
from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE, VisitCase

from .common_visit import VisitSteps


@tagged("post_install", "-at_install")
class TestStepFaults(StepFaultMixin, VisitCase):
    """An issue note interrupted by a database error hands no part over, and works when validated again."""

    def _stock(self, order, note):
        """What the issue writes, number by number: the store's stock, the order's part moves, the note."""
        moves = order.move_ids.filtered(lambda move: move.repair_line_type == "add").sorted("id")
        return {
            "on hand": [sum(self.env["stock.quant"].search([("product_id", "=", move.product_id.id),
                                                            ("location_id", "=", self.stock_location.id)])
                            .mapped("quantity")) for move in moves],
            "moves": [(move.state, move.quantity) for move in moves],
            "done move lines": self.env["stock.move.line"].search_count([("move_id", "in", moves.ids),
                                                                          ("state", "=", "done")]),
            "note": (note.state, bool(note.date_done), note.clerk_id),
        }

    def test_issue_interrupted_hands_nothing_over_and_runs_again(self):
        clerk = self._role_user(self.env, *VisitSteps.roles["clerk"])
        technician = self._role_user(self.env, *VisitSteps.roles["technician"])
        faults = {
            # The database stops the step once the parts' moves are done, before the note is.
            "error after the moves": ("SELECT 1 / 0", psycopg2.errors.DivisionByZero),
            # A constraint violated once the parts' moves are done.
            "constraint violated after the moves": (
                lambda note: SQL("UPDATE aftersales_parts_issue SET repair_id = NULL WHERE id IN %s",
                                 tuple(note.ids)),
                ValidationError),
        }
        for label, (fault, error) in faults.items():
            with self.subTest(label):
                order = self._approved_order(concerns=("保养", "刹车异响"))
                service, brakes = order.job_ids.sorted("id")
                self._add_part(order, service, self.oil_filter, 1)
                self._add_part(order, service, self.engine_oil, 4)
                self._add_part(order, brakes, self.brake_pads, 1)
                order.move_ids._action_assign()
                note = order.with_user(clerk)._create_parts_note("issue")
                note.with_user(technician)._technician_sign(SIGNATURE)
                before = self._stock(order, note)
                self.assertEqual(before["moves"], [("assigned", 1.0), ("assigned", 4.0), ("assigned", 1.0)])
                self.assertEqual((before["done move lines"], before["note"]),
                                 (0, ("draft", False, self.env["res.users"])))

                def validate(env, note=note):
                    return env["aftersales.parts.issue"].browse(note.id).action_validate()

                with self.failing_after("aftersales.parts.issue", "_issue_moves", fault), \
                        mute_logger("odoo.sql_db"):
                    self.assertRequestFails(error, clerk, validate)
                self.assertEqual(self._stock(order, note), before, "no part handed over, the note still to do")
                self.run_as_request(clerk, validate)
                after = self._stock(order, note)
                self.assertEqual(after["on hand"], [on_hand - quantity for on_hand, quantity in
                                                    zip(before["on hand"], (1, 4, 1), strict=True)])
                self.assertEqual(after["moves"], [("done", 1.0), ("done", 4.0), ("done", 1.0)])
                self.assertEqual((after["done move lines"], after["note"]), (3, ("done", True, clerk)))
