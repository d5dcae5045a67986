from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from ..tools import check_text_lengths

KEY_PURPOSES = [
    ("repair", "Repair"),
    ("road_test", "Road Test"),
    ("wash", "Car Wash"),
    ("parking", "Move the Car"),
    ("delivery", "Delivery"),
    ("other", "Other"),
]


class AftersalesKeyLog(models.Model):
    """A take of a car's key from the key cabinet (钥匙柜) and its return: the cabinet's log."""

    _name = "aftersales.key.log"
    _inherit = ["aftersales.step.mixin"]
    _description = "Key Cabinet Log"
    _order = "taken_at desc, id desc"
    _check_company_auto = True
    _aftersales_step_record = True

    repair_id = fields.Many2one("repair.order", string="Work Order", required=True, ondelete="cascade",
                                index=True, check_company=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    # The car's key, whatever order it came in for: set by the take, not followed when the order changes.
    vehicle_id = fields.Many2one("fleet.vehicle", required=True, index=True)
    license_plate = fields.Char(related="vehicle_id.license_plate")
    taken_by_id = fields.Many2one("res.users", string="Taken by", required=True)
    taken_at = fields.Datetime(string="Taken at", required=True)
    returned_at = fields.Datetime(string="Returned at")
    returned_by_id = fields.Many2one("res.users", string="Returned by")
    purpose = fields.Selection(KEY_PURPOSES, required=True, default="repair")
    note = fields.Char()
    is_out = fields.Boolean(string="Key Out", compute="_compute_is_out", search="_search_is_out")

    # One open take per key, even when two users take it at the same moment.
    _one_open_take_per_key = models.UniqueIndex(
        "(vehicle_id) WHERE returned_at IS NULL",
        "This car's key is already out of the key cabinet: it must be returned before it is taken again.",
    )
    _returned_after_taken = models.Constraint(
        "CHECK(returned_at IS NULL OR returned_at >= taken_at)",
        "A key cannot be returned before it was taken.",
    )

    @api.depends("returned_at")
    def _compute_is_out(self):
        for log in self:
            log.is_out = not log.returned_at

    def _search_is_out(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        out = (operator == "=") == bool(value)
        return [("returned_at", "=" if out else "!=", False)]

    @api.depends("license_plate", "taken_by_id", "taken_at")
    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.license_plate or ''} – {log.taken_by_id.name or ''}"

    @api.constrains("note")
    def _check_text_lengths(self):
        check_text_lengths(self, {"note": 256})

    # ------------------------------------------------------------------
    # Steps (called by the work order's take and return steps)
    # ------------------------------------------------------------------

    @api.model
    def _open_logs(self, vehicles):
        return self.search([("vehicle_id", "in", vehicles.ids), ("returned_at", "=", False)])

    @api.model
    def _take(self, order, purpose, note=False):
        """Record that the current user takes the key of the order's car."""
        order.ensure_one()
        if not order.is_aftersales:
            raise UserError(self.env._("Work order %(order)s is not an after-sales order: it has no key tag.",
                                       order=order.name))
        if order.state == "cancel" or order.gate_pass_date:
            raise UserError(self.env._(
                "Work order %(order)s is closed: the key went back to the customer.", order=order.name,
            ))
        if purpose not in dict(KEY_PURPOSES):
            raise UserError(self.env._("Choose why the key is taken."))
        # sudo: the key may be out with a user of another role, whose log the taker must see to be refused.
        open_log = self.sudo()._open_logs(order.vehicle_id)
        if open_log:
            raise UserError(self.env._(
                "The key of %(plate)s is already out: taken by %(user)s at %(time)s (%(purpose)s). It must be "
                "returned to the key cabinet first.",
                plate=order.vehicle_id.license_plate or order.vehicle_id.display_name,
                user=open_log.taken_by_id.name, time=format_datetime(self.env, open_log.taken_at),
                purpose=dict(self._fields["purpose"]._description_selection(self.env))[open_log.purpose],
            ))
        return self.create({
            "repair_id": order.id,
            "vehicle_id": order.vehicle_id.id,
            "taken_by_id": self.env.user.id,
            "taken_at": fields.Datetime.now(),
            "purpose": purpose,
            "note": note,
        })

    @api.model
    def _return(self, order):
        """Record that the key of the order's car is back in the key cabinet."""
        order.ensure_one()
        # sudo: whoever brings the key back closes the take, whichever role took it.
        open_log = self.sudo()._open_logs(order.vehicle_id)
        if not open_log:
            raise UserError(self.env._(
                "The key of %(plate)s is in the key cabinet: there is no take to close.",
                plate=order.vehicle_id.license_plate or order.vehicle_id.display_name,
            ))
        open_log.write({"returned_at": fields.Datetime.now(), "returned_by_id": self.env.user.id})
        return open_log
