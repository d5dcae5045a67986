from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


def format_km(km):
    """100000 -> '100 000', the way distances are written on warranty booklets."""
    return f"{int(km):,}".replace(",", " ")


class AftersalesWarrantyPolicy(models.Model):
    """A manufacturer's warranty for a brand, or for one of its models where it differs."""

    _name = "aftersales.warranty.policy"
    _description = "Warranty Policy"
    _order = "brand_id, model_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    brand_id = fields.Many2one("fleet.vehicle.model.brand", required=True, index=True, ondelete="cascade")
    model_id = fields.Many2one(
        "fleet.vehicle.model", string="Vehicle Model", index="btree_not_null", ondelete="cascade",
        domain="[('brand_id', '=', brand_id)]", help="Only for this model; every model of the brand when empty.",
    )
    company_id = fields.Many2one("res.company", index=True, help="Every company when empty.")
    active = fields.Boolean(default=True)
    base_years = fields.Integer(string="Base Warranty (years)", required=True, default=3)
    base_km = fields.Integer(string="Base Warranty (km)", required=True, default=100000)
    repair_guarantee_years = fields.Integer(
        string="Repair Guarantee (years)", required=True,
        default=lambda self: self.env.company.aftersales_repair_guarantee_years,
        help="包修期: the statutory repair guarantee period.",
    )
    repair_guarantee_km = fields.Integer(
        string="Repair Guarantee (km)", required=True,
        default=lambda self: self.env.company.aftersales_repair_guarantee_km,
    )
    sanbao_years = fields.Integer(
        string="三包 Period (years)", required=True, default=lambda self: self.env.company.aftersales_sanbao_years,
        help="三包有效期: the period in which the customer may claim a replacement or a refund.",
    )
    sanbao_km = fields.Integer(
        string="三包 Period (km)", required=True, default=lambda self: self.env.company.aftersales_sanbao_km,
    )
    coverage_ids = fields.One2many("aftersales.warranty.coverage", "policy_id", string="Component Coverages")
    note = fields.Text(string="Conditions")

    _periods_positive = models.Constraint(
        "CHECK(base_years > 0 AND base_km > 0 AND repair_guarantee_years > 0 AND repair_guarantee_km > 0 "
        "AND sanbao_years > 0 AND sanbao_km > 0)",
        "Warranty periods are positive numbers of years and kilometres.",
    )

    @api.constrains("brand_id", "model_id", "company_id", "active")
    def _check_one_policy(self):
        for policy in self.filtered("active"):
            if self.search_count([
                ("id", "!=", policy.id), ("brand_id", "=", policy.brand_id.id),
                ("model_id", "=", policy.model_id.id), ("company_id", "=", policy.company_id.id),
            ]):
                raise ValidationError(self.env._(
                    "%(brand)s already has a warranty policy for %(scope)s.",
                    brand=policy.brand_id.name, scope=policy.model_id.name or self.env._("all its models"),
                ))
            if policy.model_id and policy.model_id.brand_id != policy.brand_id:
                raise ValidationError(self.env._(
                    "The model %(model)s is not a %(brand)s model.", model=policy.model_id.name,
                    brand=policy.brand_id.name,
                ))
            if policy.sanbao_years > policy.repair_guarantee_years or policy.sanbao_km > policy.repair_guarantee_km:
                raise ValidationError(self.env._("The 三包 period cannot be longer than the repair guarantee period."))

    def _limits(self, component=False):
        """(years, km) of the base warranty, or of the component's own coverage when it has one."""
        self.ensure_one()
        coverage = component and self.coverage_ids.filtered(lambda c: c.component == component)[:1]
        if coverage:
            return coverage.years, coverage.km
        return self.base_years, self.base_km

    @api.model
    def _evaluate_period(self, start_date, years, km, date, mileage):
        """Whether a date and a mileage are within ``years`` or ``km``, whichever comes first.

        Returns (covered, reasons, end_date); the reasons say why not ("expired on …", "beyond … km").
        """
        end_date = start_date + relativedelta(years=years)
        reasons = []
        if date >= end_date:
            reasons.append(self.env._("expired on %(date)s", date=fields.Date.to_string(end_date)))
        if mileage > km:
            reasons.append(self.env._("beyond %(km)s km", km=format_km(km)))
        return not reasons, reasons, end_date
