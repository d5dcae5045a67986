from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

# The group order of the month is due before the 5th.
GROUP_ORDER_DAY = 5


class AftersalesReplenishment(models.Model):
    """The monthly accessories order to the group (精品采购订单, before the 5th): the parts order's proposal,
    built from the accessories sold and in stock, approved by the service manager."""

    _inherit = "aftersales.replenishment"

    kind = fields.Selection([("parts", "Parts"), ("accessories", "Accessories")], default="parts", required=True,
                            readonly=True, index=True)
    order_deadline = fields.Date(compute="_compute_order_deadline",
                                 help="The group's order of the month is due before this day.")

    @api.depends("date", "kind")
    def _compute_order_deadline(self):
        for proposal in self:
            proposal.order_deadline = proposal.kind == "accessories" and proposal.date and proposal.date.replace(
                day=GROUP_ORDER_DAY)

    def _consumption_by_product(self):
        consumption = super()._consumption_by_product()
        if self.kind != "accessories":
            return consumption
        return {product: quantity for product, quantity in consumption.items() if product.installation_hours}

    def action_create_purchase(self):
        if any(proposal.kind == "accessories" for proposal in self) and not self.env.user.has_group(
            "aftersales_reception.group_service_manager"
        ):
            raise AccessError(self.env._("The service manager approves the accessories order to the group."))
        return super().action_create_purchase()

    @api.model
    def _cron_propose_group_orders(self):
        """On the 1st: the month's accessories order proposal for each company whose group supplier is set, once."""
        proposals = self.browse()
        for company in self.env["res.company"].search([("aftersales_accessories_vendor_id", "!=", False)]):
            today = fields.Date.context_today(self.with_context(tz=company.resource_calendar_id.tz or "UTC"))
            month_start = today.replace(day=1)
            if self.search_count([("company_id", "=", company.id), ("kind", "=", "accessories"),
                                  ("date", ">=", month_start), ("date", "<", month_start + relativedelta(months=1))]):
                continue
            warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
            proposal = self.with_company(company).create({
                "kind": "accessories", "company_id": company.id, "warehouse_id": warehouse.id,
                "vendor_id": company.aftersales_accessories_vendor_id.id, "date": today, "months": 1,
            })
            proposal.action_compute()
            proposals |= proposal
        return proposals
