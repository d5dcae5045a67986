from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_reception.tools import business_step

SALE_KINDS = [("counter", "Counter Sale"), ("accessory", "Accessory Sale")]


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "aftersales.step.mixin"]

    aftersales_sale_kind = fields.Selection(
        SALE_KINDS, string="Parts Sale", index="btree_not_null", copy=True,
        help="Counter sale (柜台销售): parts sold without a work order. Accessory sale (精品): accessories "
        "installed on the customer's car through an installation order.",
    )
    aftersales_vehicle_id = fields.Many2one(
        "fleet.vehicle", string="Vehicle", check_company=True, index="btree_not_null",
        domain="[('customer_id', '=', partner_id)]",
    )
    installation_payer = fields.Selection(
        [("customer", "Customer"), ("internal", "Internal (Sales Department)")], default="customer",
        help="Who pays the installation labour: the customer, or the sales department (a gift with a new car).",
    )
    installation_date = fields.Datetime(string="Installation Promised Time",
                                        help="When the car will be ready with its accessories.")
    installation_hours = fields.Float(compute="_compute_installation_hours", digits=(16, 2),
                                      help="Standard installation hours of the accessories sold.")
    # Set by the confirmation of the accessory sale, which creates the installation order.
    installation_repair_id = fields.Many2one("repair.order", string="Installation Order", readonly=True,
                                             copy=False, check_company=True, aftersales_step=True)

    @api.depends("order_line.product_uom_qty", "order_line.product_id")
    def _compute_installation_hours(self):
        for order in self:
            order.installation_hours = sum(
                line.product_uom_qty * line.product_id.installation_hours for line in order.order_line
            )

    @api.onchange("aftersales_sale_kind")
    def _onchange_aftersales_sale_kind(self):
        team = self._aftersales_team()
        if team:
            self.team_id = team

    def _aftersales_team(self):
        self.ensure_one()
        xmlid = {
            "counter": "aftersales_accessories.crm_team_parts_counter",
            "accessory": "aftersales_accessories.crm_team_accessories",
        }.get(self.aftersales_sale_kind)
        return xmlid and self.env.ref(xmlid, raise_if_not_found=False)

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        for order, vals in zip(orders, vals_list, strict=True):
            team = order.aftersales_sale_kind and not vals.get("team_id") and order._aftersales_team()
            if team:
                order.team_id = team
        return orders

    def _action_confirm(self):
        # The installation order exists before the sale launches its deliveries: the accessories
        # leave the store on the work order, not on a delivery of their own.
        self.filtered(lambda order: order.aftersales_sale_kind == "accessory")._create_installation_orders()
        return super()._action_confirm()

    # ------------------------------------------------------------------
    # Accessories (精品): the installation order
    # ------------------------------------------------------------------

    def _installation_lines(self):
        return self.order_line.filtered(lambda line: line.product_id.is_storable and line.product_uom_qty > 0)

    @business_step
    def _create_installation_orders(self):
        for order in self:
            if order.installation_repair_id:
                continue
            if not order.aftersales_vehicle_id:
                raise UserError(self.env._(
                    "Accessory sale %(order)s: choose the customer's car the accessories are installed on.",
                    order=order.name,
                ))
            if not order.installation_date:
                raise UserError(self.env._(
                    "Accessory sale %(order)s: promise the customer a time for the installation.", order=order.name,
                ))
            if not order._installation_lines():
                raise UserError(self.env._("Accessory sale %(order)s has no accessory to install.", order=order.name))
            # sudo: the signed sale books the installation job, which only advisors write otherwise
            repair = self.env["repair.order"].sudo().create(order._prepare_installation_order())
            order.installation_repair_id = repair
            job = repair.job_ids
            self.env["stock.move"].sudo().create([{  # sudo: reserved whoever sells them (a salesperson keeps no stock)
                "repair_id": repair.id,
                "repair_line_type": "add",
                "product_id": line.product_id.id,
                "product_uom_qty": line.product_uom_qty,
                "product_uom": line.product_uom_id.id,
                "aftersales_job_id": job.id,
                "sale_line_id": line.id,
                # Paid on the sale order: the work order does not bill the accessory again.
                "billing_price_unit": 0.0,
            } for line in order._installation_lines()])
            if order.signature:
                repair._record_approval("in_person", order.signed_by or order.partner_id.name,
                                        signature=order.signature,
                                        note=self.env._("Approved with accessory sale %(order)s.", order=order.name))
            order.message_post(body=self.env._(
                "Installation order %(repair)s created for %(plate)s.",
                repair=repair.name, plate=order.aftersales_vehicle_id.license_plate or "",
            ))

    def _prepare_installation_order(self):
        self.ensure_one()
        hours = self.installation_hours
        names = ", ".join(self._installation_lines().product_id.mapped("name"))
        return {
            "vehicle_id": self.aftersales_vehicle_id.id,
            "partner_id": self.partner_id.id,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "schedule_date": self.installation_date - timedelta(hours=hours),
            "promised_date": self.installation_date,
            # The sale is the customer's contract: jobs, price and time were agreed on it.
            "confirm_jobs": True,
            "confirm_estimate": True,
            "confirm_promised_time": True,
            "replaced_parts_disposal": "dealer_disposes",
            "car_wash": "no_wash",
            "internal_notes": self.note,
            "job_ids": [Command.create({
                "name": self.env._("Accessory installation: %(accessories)s", accessories=names),
                "payer": self.installation_payer,
                "labour_hours": hours,
            })],
        }

    def _action_cancel(self):
        installations = self.installation_repair_id.filtered(lambda repair: repair.state != "cancel")
        started = installations.filtered(lambda repair: repair.state in ("under_repair", "done"))
        if started:
            raise UserError(self.env._(
                "The accessories are being or have been installed (%(orders)s): cancel the installation first.",
                orders=", ".join(started.mapped("name")),
            ))
        result = super()._action_cancel()
        # The car no longer gets the accessories: the installation order and its reservations go.
        installations.sudo().action_repair_cancel()  # sudo: whoever cancels the sale cancels its installation
        return result

    def action_view_installation_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "res_id": self.installation_repair_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Counter sales (柜台销售)
    # ------------------------------------------------------------------

    def action_counter_deliver(self):
        """Hand the parts over the counter: the delivery is validated with what was sold."""
        for order in self:
            if order.state != "sale":
                raise UserError(self.env._("Confirm the sale before handing the parts over."))
            pickings = order.picking_ids.filtered(lambda picking: picking.state not in ("done", "cancel"))
            if not pickings:
                raise UserError(self.env._("Sale %(order)s has nothing left to deliver.", order=order.name))
            pickings.action_assign()
            short = pickings.move_ids.filtered(
                lambda move: move.product_uom.compare(move.quantity, move.product_uom_qty) < 0
            )
            if short:
                raise UserError(self.env._(
                    "Not enough in stock to hand over: %(parts)s",
                    parts=", ".join(short.product_id.mapped("display_name")),
                ))
            pickings.move_ids.picked = True
            pickings._action_done()
        return True
