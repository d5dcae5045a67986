from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import check_text_lengths


class ResPartner(models.Model):
    _inherit = "res.partner"

    aftersales_contact_channel = fields.Selection(
        [("phone", "Phone Call"), ("sms", "SMS"), ("email", "Email"), ("wechat", "WeChat")],
        string="Preferred Channel",
        help="How the customer prefers to be contacted for reminders and follow-up calls.",
    )
    call_time_from = fields.Float(
        string="Call Window From", help="Earliest time of day the customer accepts a call."
    )
    call_time_to = fields.Float(string="Call Window To", help="Latest time of day the customer accepts a call.")
    birthday = fields.Date()
    customer_vehicle_ids = fields.One2many(
        "fleet.vehicle", "customer_id", string="Vehicles", domain=[("vehicle_usage", "=", "customer")]
    )
    customer_vehicle_count = fields.Integer(string="Vehicle Count", compute="_compute_customer_vehicle_count")

    @api.constrains("call_time_from", "call_time_to")
    def _check_call_window(self):
        for partner in self:
            start, end = partner.call_time_from, partner.call_time_to
            if not (start or end):
                continue
            if not (0 <= start < end <= 24):
                raise ValidationError(self.env._(
                    "The call window of %(partner)s must start before it ends, between 00:00 and 24:00.",
                    partner=partner.display_name,
                ))

    @api.constrains("phone")
    def _check_phone(self):
        check_text_lengths(self, {"phone": 32})
        for partner in self:
            if partner.phone and not any(char.isdigit() for char in partner.phone):
                raise ValidationError(self.env._(
                    "The phone number of %(partner)s has no digits: %(phone)s.",
                    partner=partner.display_name, phone=partner.phone,
                ))

    @api.constrains("birthday")
    def _check_birthday(self):
        today = fields.Date.context_today(self)
        for partner in self.filtered("birthday"):
            if partner.birthday > today:
                raise ValidationError(self.env._(
                    "The birthday of %(partner)s, %(date)s, is in the future.",
                    partner=partner.display_name, date=partner.birthday,
                ))
            if partner.birthday.year < 1900:
                raise ValidationError(self.env._(
                    "The birthday of %(partner)s, %(date)s, is before 1900: check the year.",
                    partner=partner.display_name, date=partner.birthday,
                ))

    @api.model
    def default_get(self, fields):
        res = super().default_get(fields)
        # A company that keeps its customers to itself registers them as its own (Odoo shares a contact
        # without company with every company).
        company = self.env.company
        if "company_id" in fields and not res.get("company_id") and "default_company_id" not in self.env.context \
                and not company.aftersales_share_customers \
                and self.env.user.has_group("aftersales_reception.group_aftersales_user"):
            res["company_id"] = company.id
        return res

    @api.model
    def _aftersales_customer_references(self):
        """(model, field) pairs of the records that would lose their customer with the partner: customer
        vehicles, work orders, invoices and every after-sales document naming the customer."""
        references = [("fleet.vehicle", "customer_id"), ("repair.order", "partner_id"), ("account.move", "partner_id")]
        for model_name, model in self.env.registry.items():
            if not model_name.startswith("aftersales.") or model._abstract or model._transient or not model._auto:
                continue
            references += [
                (model_name, name) for name, field in model._fields.items()
                if field.type == "many2one" and field.comodel_name == "res.partner" and field.store
                and not field.related and name != "create_uid"
            ]
        return references

    @api.ondelete(at_uninstall=False)
    def _unlink_except_aftersales_customer(self):
        # Searched as superuser and with archived records: a vehicle or document of any company or role
        # would be left without its customer, whoever deletes.
        env = self.sudo().with_context(active_test=False).env  # sudo: every document, any company
        found = []
        for model_name, field_name in self._aftersales_customer_references():
            count = env[model_name].search_count([(field_name, "in", self.ids)])
            if count:
                found.append(f"{env['ir.model']._get(model_name).name} ({count})")
        if found:
            raise UserError(self.env._(
                "%(customers)s cannot be deleted: %(documents)s still refer to the customer. Archive the "
                "customer instead.",
                customers=", ".join(self.mapped("display_name")), documents=", ".join(dict.fromkeys(found)),
            ))

    def _compute_customer_vehicle_count(self):
        counts = dict(self.env["fleet.vehicle"]._read_group(
            [("customer_id", "in", self.ids), ("vehicle_usage", "=", "customer")],
            ["customer_id"],
            ["__count"],
        ))
        for partner in self:
            partner.customer_vehicle_count = counts.get(partner, 0)

    def action_view_customer_vehicles(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_reception.fleet_vehicle_customer_action")
        action["domain"] = [("customer_id", "=", self.id), ("vehicle_usage", "=", "customer")]
        action["context"] = {
            "default_customer_id": self.id,
            "default_driver_id": self.id,
            "default_vehicle_usage": "customer",
        }
        return action
