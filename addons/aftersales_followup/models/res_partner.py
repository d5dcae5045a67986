from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.aftersales_reception.tools import business_step


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "aftersales.step.mixin"]

    # The relationship programme (一对一式服务): one advisor answers for the customer.
    aftersales_advisor_id = fields.Many2one(
        "res.users", string="Responsible Advisor", readonly=True, copy=False, tracking=True,
        index="btree_not_null", aftersales_step=True,
        help="The service advisor who keeps in touch with the customer, set by the service manager.",
    )
    aftersales_club_member = fields.Boolean(string="Car Club Member", readonly=True, copy=False, tracking=True,
                                            aftersales_step=True)
    aftersales_club_since = fields.Date(string="Club Member since", readonly=True, copy=False, aftersales_step=True)
    aftersales_referral_ids = fields.One2many("aftersales.referral", "referrer_id", string="Referrals Made")
    aftersales_referral_count = fields.Integer(string="Referral Count", compute="_compute_aftersales_referral_count")

    def _compute_aftersales_referral_count(self):
        counts = dict(self.env["aftersales.referral"]._read_group(
            [("referrer_id", "in", self.ids)], ["referrer_id"], ["__count"]
        ))
        for partner in self:
            partner.aftersales_referral_count = counts.get(partner, 0)

    @business_step
    def _assign_aftersales_advisor(self, advisor):
        """The service manager's step: the advisor who answers for these customers from now on."""
        if not self.env.user.has_group("aftersales_reception.group_service_manager"):
            raise AccessError(self.env._("Only the service manager gives customers their responsible advisor."))
        if advisor and not advisor.has_group("aftersales_reception.group_service_advisor"):
            raise UserError(self.env._("%(user)s is not a service advisor.", user=advisor.name))
        self.write({"aftersales_advisor_id": advisor.id})
        return True

    def _club_tag(self):
        return self.env.ref("aftersales_followup.partner_category_car_club")

    @business_step
    def action_join_club(self):
        """The customer joins the car club (车友俱乐部): a member from today, with the club's tag."""
        members = self.filtered("aftersales_club_member")
        if members:
            raise UserError(self.env._("%(customers)s already belong to the car club.",
                                       customers=", ".join(members.mapped("display_name"))))
        self.write({
            "aftersales_club_member": True,
            "aftersales_club_since": fields.Date.context_today(self),
            "category_id": [(4, self._club_tag().id)],
        })
        return True

    @business_step
    def action_leave_club(self):
        """The customer leaves the car club."""
        if not all(self.mapped("aftersales_club_member")):
            raise UserError(self.env._("Only a car club member can leave the club."))
        self.write({
            "aftersales_club_member": False,
            "aftersales_club_since": False,
            "category_id": [(3, self._club_tag().id)],
        })
        return True

    def action_view_aftersales_referrals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_followup.aftersales_referral_action")
        action["domain"] = [("referrer_id", "=", self.id)]
        action["context"] = {"default_referrer_id": self.id}
        return action
