from odoo import Command, api, fields, models


class AftersalesDeliveryWizard(models.TransientModel):
    _name = "aftersales.delivery.wizard"
    _description = "Hand the Car Back"

    repair_id = fields.Many2one("repair.order", required=True)
    mileage_out = fields.Float(required=True, compute="_compute_mileage_out", store=True, readonly=False,
                               precompute=True)
    next_service_date = fields.Date(compute="_compute_next_service", store=True, readonly=False, precompute=True)
    next_service_mileage = fields.Float(compute="_compute_next_service", store=True, readonly=False,
                                        precompute=True)
    followup_preferred_date = fields.Datetime(string="Follow-up Call Preferred")
    delivered_by_id = fields.Many2one("res.users", string="Handed Over by", default=lambda self: self.env.user)
    check_line_ids = fields.One2many("aftersales.delivery.wizard.line", "wizard_id", string="Final Check",
                                     compute="_compute_check_line_ids", store=True, readonly=False, precompute=True)
    usage_advice = fields.Text(compute="_compute_usage_advice", store=True, readonly=False, precompute=True)

    @api.depends("repair_id")
    def _compute_check_line_ids(self):
        items = self.env["aftersales.check.item"].search([("kind", "=", "delivery")])
        for wizard in self:
            wizard.check_line_ids = [Command.clear()] + [Command.create({"item_id": item.id}) for item in items]

    @api.depends("repair_id")
    def _compute_usage_advice(self):
        for wizard in self:
            wizard.usage_advice = wizard.repair_id.usage_advice

    @api.depends("repair_id")
    def _compute_mileage_out(self):
        for wizard in self:
            wizard.mileage_out = wizard.repair_id.check_in_id.odometer or wizard.repair_id.vehicle_id.current_mileage

    @api.depends("repair_id", "mileage_out")
    def _compute_next_service(self):
        for wizard in self:
            defaults = wizard.repair_id._default_next_service(wizard.mileage_out) if wizard.repair_id else {}
            wizard.next_service_date = defaults.get("next_service_date")
            wizard.next_service_mileage = defaults.get("next_service_mileage")

    def action_deliver(self):
        self.ensure_one()
        if self.usage_advice != self.repair_id.usage_advice:
            self.repair_id.usage_advice = self.usage_advice
        self.repair_id._record_delivery_checks(self.check_line_ids.filtered("is_done").item_id)
        self.repair_id._record_delivery(
            self.mileage_out, self.next_service_date, self.next_service_mileage,
            followup_preferred_date=self.followup_preferred_date, delivered_by=self.delivered_by_id,
        )
        return {"type": "ir.actions.act_window_close"}
