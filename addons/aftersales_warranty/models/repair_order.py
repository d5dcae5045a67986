from odoo import api, fields, models
from odoo.fields import Domain


class RepairOrder(models.Model):
    _inherit = "repair.order"

    warranty_claim_ids = fields.One2many("aftersales.warranty.claim", "repair_id", string="Warranty Claims")
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")
    has_claimable_jobs = fields.Boolean(compute="_compute_warranty_claim_count")

    @api.depends("warranty_claim_ids", "job_ids.payer", "job_ids.state")
    def _compute_warranty_claim_count(self):
        claims = self.env["aftersales.warranty.claim"].sudo().search([("repair_id", "in", self.ids)])
        claimed_jobs = claims.job_ids
        for order in self:
            order.warranty_claim_count = len(claims.filtered(lambda claim, o=order: claim.repair_id == o))
            order.has_claimable_jobs = any(
                job.payer == "warranty" and job not in claimed_jobs for job in order._billable_jobs()
            )

    def _warranty_date(self):
        """The day coverage is judged on: the car's arrival."""
        self.ensure_one()
        arrival = self.check_in_id.check_in_date or self.schedule_date
        return fields.Date.context_today(self, arrival) if arrival else fields.Date.context_today(self)

    def _warranty_mileage(self):
        self.ensure_one()
        return self.check_in_id.odometer or self.vehicle_id.current_mileage

    def action_create_warranty_claim(self):
        claims = self.env["aftersales.warranty.claim"]._create_from_orders(self)
        if len(claims) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "aftersales.warranty.claim",
                "res_id": claims.id,
                "view_mode": "form",
            }
        return self.action_view_warranty_claims()

    def action_view_warranty_claims(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_claim_action"
        )
        action["domain"] = Domain("repair_id", "in", self.ids)
        action["context"] = {"create": False}
        return action

    def action_repair_done(self):
        result = super().action_repair_done()
        # The recall done on this order completes its campaign line (done here).
        self.env["aftersales.recall.line"]._mark_done_here(self.job_ids)
        return result

    def _prepare_settlement_moves(self):
        """Warranty jobs of a claim the manufacturer already decided are billed by the claim, not again."""
        values = super()._prepare_settlement_moves()
        # One search, not a read of each job's claims: settlement is a hot path.
        claimed = set(self.env["aftersales.warranty.claim"].sudo().search([
            ("repair_id", "in", self.ids), ("state", "in", ("approved", "partly_approved", "rejected", "paid")),
        ]).job_ids.ids)
        if not claimed:
            return values
        result = []
        for move_values in values:
            if move_values.get("aftersales_payer") == "warranty":
                lines = [
                    command for command in move_values.get("invoice_line_ids", [])
                    if command[2].get("aftersales_job_id") not in claimed
                ]
                if not lines:
                    continue
                move_values["invoice_line_ids"] = lines
            result.append(move_values)
        return result
