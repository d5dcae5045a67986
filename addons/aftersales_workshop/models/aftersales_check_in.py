from odoo import api, fields, models


class AftersalesCheckIn(models.Model):
    _inherit = "aftersales.check.in"

    comeback_candidate_id = fields.Many2one(
        "repair.order", string="Recent Repair", compute="_compute_comeback_candidate_id",
        help="A repair delivered recently enough for this visit to be a comeback (返修).",
    )
    is_comeback = fields.Boolean(string="Comeback",
                                 help="The customer is back for the work of the recent repair.")

    @api.depends("vehicle_id", "check_in_date", "odometer")
    def _compute_comeback_candidate_id(self):
        delivered = self.env["repair.order"].search([
            ("vehicle_id", "in", self.vehicle_id.ids), ("delivery_date", "!=", False),
        ], order="delivery_date desc")
        for check_in in self:
            company = check_in.company_id or self.env.company
            since = fields.Datetime.subtract(check_in.check_in_date or fields.Datetime.now(),
                                             days=company.aftersales_comeback_days)
            check_in.comeback_candidate_id = next((
                order for order in delivered
                if order.vehicle_id == check_in.vehicle_id and order.delivery_date >= since
                and (not check_in.odometer
                     or check_in.odometer - order.delivery_mileage <= company.aftersales_comeback_km)
            ), False)

    def _prepare_work_order(self):
        values = super()._prepare_work_order()
        if self.is_comeback and self.comeback_candidate_id:
            values["comeback_of_id"] = self.comeback_candidate_id.id
        return values
