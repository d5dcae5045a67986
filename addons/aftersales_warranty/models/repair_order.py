from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class RepairOrder(models.Model):
    _inherit = "repair.order"

    warranty_claim_ids = fields.One2many("aftersales.warranty.claim", "repair_id", string="Warranty Claims")
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")
    warranty_preauth_ids = fields.One2many("aftersales.warranty.preauth", "repair_id",
                                           string="Warranty Pre-authorisations")
    preauth_to_ask = fields.Boolean(compute="_compute_preauth_to_ask",
                                    help="A warranty job waits for a pre-authorisation nobody asked yet.")
    has_claimable_jobs = fields.Boolean(compute="_compute_warranty_claim_count")

    @api.depends("warranty_claim_ids", "job_ids.payer", "job_ids.state")
    def _compute_warranty_claim_count(self):
        # sudo: the order's form counts its claims for every reader of the order (Odoo's stock users too).
        claims = self.env["aftersales.warranty.claim"].sudo().search([("repair_id", "in", self.ids)])
        claimed_jobs = claims.job_ids
        for order in self:
            order.warranty_claim_count = len(claims.filtered(lambda claim, o=order: claim.repair_id == o))
            order.has_claimable_jobs = any(
                job.payer == "warranty" and job not in claimed_jobs for job in order._billable_jobs()
            )

    @api.depends("job_ids.preauth_state")
    def _compute_preauth_to_ask(self):
        for order in self:
            order.preauth_to_ask = any(job.preauth_state in ("missing", "refused") for job in order.job_ids)

    def action_request_preauth(self):
        """Ask the manufacturer's pre-authorisation of the warranty jobs that need one."""
        jobs = self.job_ids.filtered(lambda job: job.preauth_state in ("missing", "refused"))
        if not jobs:
            raise UserError(self.env._("No warranty job of these work orders waits for a pre-authorisation."))
        return jobs.action_request_preauth()

    def action_view_preauths(self):
        return self.warranty_preauth_ids._open_form()

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

    # ------------------------------------------------------------------
    # Delivery: the old parts of warranty jobs stay for the manufacturer
    # ------------------------------------------------------------------

    @api.depends("replaced_part_ids.job_id", "replaced_part_ids.product_id", "job_ids.payer",
                 "move_ids.aftersales_job_id", "move_ids.billing_quantity")
    def _compute_delivery_blockers(self):
        return super()._compute_delivery_blockers()

    def _warranty_parts_not_recorded(self):
        """Parts fitted on the order's warranty jobs whose old part has no replaced-part record yet."""
        self.ensure_one()
        recorded = {(part.job_id.id, part.product_id.id) for part in self.replaced_part_ids}
        return self.move_ids.filtered(
            lambda move: move.repair_line_type == "add" and move.state == "done"
            and move.aftersales_job_id.payer == "warranty"
            and move.product_uom.compare(move.billing_quantity, 0) > 0
            and (move.aftersales_job_id.id, move.product_id.id) not in recorded
        )

    def _get_delivery_blockers(self):
        blockers = super()._get_delivery_blockers()
        missing = self._warranty_parts_not_recorded()
        if missing:
            blockers.append(self.env._(
                "The replaced parts of the warranty jobs are not recorded: %(parts)s. The old part is retained "
                "for the manufacturer's claim, it does not leave with the car.",
                parts=", ".join(missing.product_id.mapped("display_name")),
            ))
        return blockers

    def _settlement_jobs(self, payer):
        """Warranty jobs of a claim the manufacturer already decided are billed by the claim, not again."""
        jobs = super()._settlement_jobs(payer)
        if payer != "warranty" or not jobs:
            return jobs
        # One search for the order, not a read of each job's claims (a hot path).
        decided = self.env["aftersales.warranty.claim"].search([
            ("repair_id", "=", self.id), ("state", "in", ("approved", "partly_approved", "rejected", "paid")),
        ])
        return jobs - decided.job_ids
