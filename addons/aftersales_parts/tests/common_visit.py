from odoo.addons.aftersales_reception.tests import common_visit
from odoo.addons.aftersales_reception.tests.common_visit import SIGNATURE


class VisitSteps(common_visit.VisitSteps):
    """The store's steps in every visit of the tests where parts are installed."""

    roles = {
        "clerk": ("aftersales_parts.group_parts_clerk", "visit_steps_parts_clerk", "孙立"),
        "technician": ("aftersales_reception.group_workshop_technician", "visit_steps_technician", "刘伟"),
    }
    bad_input_cases = (
        ("replaced part of negative quantity", "clerk", "aftersales.replaced.part", "create",
         lambda t: {"repair_id": t.order_c.id, "product_id": t.oil_filter.id, "quantity": -1},
         r"^The operation cannot be completed: A quantity must be positive\.$"),
    )
    bad_input_models = ("aftersales.replaced.part",)

    def before_repair_end(self, case, order):
        """The parts clerk issues the reserved parts on a note the technician signs."""
        reserved = order.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state in ("assigned", "partially_available")
        )
        if not reserved:
            return
        clerk = case._role_user(order.env, *self.roles["clerk"])
        technician = case._role_user(order.env, *self.roles["technician"])
        note = order.with_user(clerk)._create_parts_note("issue")
        note.with_user(technician)._technician_sign(SIGNATURE)
        note.with_user(clerk).action_validate()
