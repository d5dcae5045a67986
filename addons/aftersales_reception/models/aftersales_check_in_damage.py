from odoo import api, fields, models

from ..tools import check_text_lengths


class AftersalesCheckInDamage(models.Model):
    """Damage the car already had on arrival, shown to and signed by the customer."""

    _name = "aftersales.check.in.damage"
    _description = "Existing Damage"
    _order = "check_in_id, id"

    check_in_id = fields.Many2one("aftersales.check.in", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="check_in_id.company_id", store=True, index=True)
    location = fields.Selection(
        [("front_bumper", "Front Bumper"), ("rear_bumper", "Rear Bumper"), ("bonnet", "Bonnet"),
         ("roof", "Roof"), ("boot", "Boot"), ("left_front", "Left Front"), ("left_rear", "Left Rear"),
         ("right_front", "Right Front"), ("right_rear", "Right Rear"), ("windscreen", "Windscreen"),
         ("wheels", "Wheels"), ("interior", "Interior"), ("other", "Other")],
        required=True,
    )
    kind = fields.Selection(
        [("scratch", "Scratch"), ("dent", "Dent"), ("crack", "Crack"), ("chip", "Stone Chip"),
         ("stain", "Stain"), ("other", "Other")],
        required=True, default="scratch",
    )
    note = fields.Char()
    photo = fields.Image(max_width=1920, max_height=1920, attachment=True)

    @api.depends("location", "kind")
    def _compute_display_name(self):
        locations = dict(self._fields["location"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for damage in self:
            damage.display_name = f"{locations.get(damage.location, '')} {kinds.get(damage.kind, '')}"

    @api.constrains("note")
    def _check_text_lengths(self):
        check_text_lengths(self, {"note": 256})
