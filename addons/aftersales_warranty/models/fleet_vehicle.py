import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain

from .aftersales_warranty_policy import format_km

COVERAGE_STATES = [
    ("covered", "Covered"),
    ("not_covered", "Not Covered"),
    ("unknown", "Unknown"),
]


class FleetVehicle(models.Model):
    _inherit = "fleet.vehicle"

    warranty_state = fields.Selection(COVERAGE_STATES, compute="_compute_warranty", string="Warranty")
    warranty_note = fields.Char(compute="_compute_warranty", string="Warranty Status")
    sanbao_end_date = fields.Date(string="三包 Period Ends", compute="_compute_sanbao")
    sanbao_days_off_road = fields.Integer(
        string="三包 Days off the Road", compute="_compute_sanbao",
        help="Repair days within the 三包 period (a visit under 24 hours counts as one day).",
    )
    sanbao_serious_repairs = fields.Integer(
        string="三包 Repairs of a Serious Fault", compute="_compute_sanbao",
        help="The highest number of repairs of one serious fault within the 三包 period.",
    )
    sanbao_warning = fields.Text(string="三包 Warning", compute="_compute_sanbao")
    recall_line_ids = fields.One2many("aftersales.recall.line", "vehicle_id", string="Recalls")
    open_recall_count = fields.Integer(string="Open Recalls", compute="_compute_open_recall_count",
                                       search="_search_open_recall_count")
    open_recall_names = fields.Char(string="Open Recall Campaigns", compute="_compute_open_recall_count")
    warranty_claim_count = fields.Integer(compute="_compute_warranty_claim_count")

    # ------------------------------------------------------------------
    # Coverage
    # ------------------------------------------------------------------

    def _warranty_policies(self):
        """The policy of each vehicle: its model's, else its brand's; the company's before the shared one."""
        # sudo: coverage shows to every reader of the vehicle; a shared customer's car takes its company's policy.
        policies = self.env["aftersales.warranty.policy"].sudo().search([
            ("brand_id", "in", self.brand_id.ids),
        ])
        result = {}
        for vehicle in self:
            candidates = policies.filtered(
                lambda p, v=vehicle: p.brand_id == v.brand_id and (not p.model_id or p.model_id == v.model_id)
                and (not p.company_id or p.company_id == v.company_id)
            ).sorted(lambda p: (not p.model_id, not p.company_id))
            result[vehicle] = candidates[:1]
        return result

    def _warranty_coverage(self, date=None, mileage=None, component=False, policy=None):
        """Whether the vehicle is under warranty at a date and mileage, and why not.

        Returns a dict: ``covered`` (True/False, None when unknown), ``note`` (what to tell the
        customer), ``sanbao`` (within the 三包 period), ``repair_guarantee`` (within the 包修期).
        """
        self.ensure_one()
        date = date or fields.Date.context_today(self)
        mileage = self.current_mileage if mileage is None else mileage
        policy = self._warranty_policies()[self] if policy is None else policy
        result = {"covered": None, "sanbao": False, "repair_guarantee": False, "policy": policy}
        if not self.warranty_start_date:
            result["note"] = self.env._("No warranty start date on the vehicle.")
            return result
        if not policy:
            result["note"] = self.env._("No warranty policy for %(brand)s.", brand=self.brand_id.name or "-")
            return result
        Policy = self.env["aftersales.warranty.policy"]
        years, km = policy._limits(component)
        covered, reasons, end_date = Policy._evaluate_period(self.warranty_start_date, years, km, date, mileage)
        result["sanbao"] = Policy._evaluate_period(
            self.warranty_start_date, policy.sanbao_years, policy.sanbao_km, date, mileage
        )[0]
        result["repair_guarantee"] = Policy._evaluate_period(
            self.warranty_start_date, policy.repair_guarantee_years, policy.repair_guarantee_km, date, mileage
        )[0]
        result["covered"] = covered
        if covered:
            result["note"] = self.env._(
                "Covered until %(date)s or %(km)s km.", date=fields.Date.to_string(end_date),
                km=format_km(km),
            )
        else:
            result["note"] = self.env._("Not covered: %(reasons)s.", reasons="; ".join(reasons))
        return result

    @api.depends("warranty_start_date", "current_mileage", "model_id", "brand_id")
    def _compute_warranty(self):
        policies = self._warranty_policies()
        for vehicle in self:
            coverage = vehicle._warranty_coverage(policy=policies[vehicle])
            vehicle.warranty_state = coverage_state(coverage["covered"])
            vehicle.warranty_note = coverage["note"]

    # ------------------------------------------------------------------
    # 三包 counters
    # ------------------------------------------------------------------

    def _sanbao_periods(self):
        """{vehicle: (start, end date, km limit)} of the vehicles with a 三包 period."""
        periods = {}
        for vehicle, policy in self._warranty_policies().items():
            if vehicle.warranty_start_date and policy:
                end_date = self.env["aftersales.warranty.policy"]._evaluate_period(
                    vehicle.warranty_start_date, policy.sanbao_years, policy.sanbao_km,
                    vehicle.warranty_start_date, 0,
                )[2]
                periods[vehicle] = (vehicle.warranty_start_date, end_date, policy.sanbao_km)
        return periods

    def _sanbao_counters(self, periods=None):
        """{vehicle: (days off the road, {serious fault: repairs})} within the 三包 period.

        Quality repairs are the warranty jobs; a repair's time runs from check-in to delivery (or now),
        and a visit under 24 hours counts as one day, as the 三包 rules count it. ``periods``: those of
        ``_sanbao_periods`` when the caller has them already.
        """
        periods = self._sanbao_periods() if periods is None else periods
        counters = {vehicle: (0, defaultdict(int)) for vehicle in self}
        if not periods:
            return counters
        # sudo: 三包 counts every repair of the car, in every company, for every reader of the vehicle.
        jobs = self.env["aftersales.job"].sudo().search([
            ("vehicle_id", "in", [vehicle.id for vehicle in periods]),
            ("payer", "=", "warranty"),
            ("state", "in", ("approved", "done")),
            ("repair_id.state", "!=", "cancel"),
        ])
        now = fields.Datetime.now()
        days = defaultdict(int)
        for order in jobs.repair_id:
            start, end_date, km = periods[order.vehicle_id]
            arrival = order.check_in_id.check_in_date or order.schedule_date
            mileage = order.check_in_id.odometer
            if not arrival or not start <= arrival.date() < end_date or mileage > km:
                continue
            hours = ((order.delivery_date or now) - arrival).total_seconds() / 3600.0
            days[order.vehicle_id] += max(1, math.ceil(hours / 24.0 - 1e-9))
        repairs = {vehicle: defaultdict(int) for vehicle in periods}
        for job in jobs.filtered(lambda j: j.state == "done" and j.fault_category_id.is_serious):
            start, end_date, _km = periods[job.vehicle_id]
            arrival = job.repair_id.check_in_id.check_in_date or job.repair_id.schedule_date
            if arrival and start <= arrival.date() < end_date:
                repairs[job.vehicle_id][job.fault_category_id] += 1
        for vehicle in periods:
            counters[vehicle] = (days[vehicle], repairs[vehicle])
        return counters

    @api.depends("warranty_start_date", "model_id", "brand_id")
    def _compute_sanbao(self):
        periods = self._sanbao_periods()
        counters = self._sanbao_counters(periods)
        for vehicle in self:
            days, repairs = counters[vehicle]
            vehicle.sanbao_end_date = periods[vehicle][1] if vehicle in periods else False
            vehicle.sanbao_days_off_road = days
            vehicle.sanbao_serious_repairs = max(repairs.values(), default=0)
            vehicle.sanbao_warning = "\n".join(vehicle._sanbao_warnings(days, repairs)) or False

    def _sanbao_warnings(self, days, repairs):
        self.ensure_one()
        company = self.company_id or self.env.company
        warnings = []
        for fault, count in repairs.items():
            if count >= company.aftersales_sanbao_serious_repairs:
                warnings.append(self.env._(
                    "%(fault)s has been repaired %(count)s times within the 三包 period: if it fails again, "
                    "the customer is entitled to a replacement or a refund.",
                    fault=fault.name, count=count,
                ))
        if days >= company.aftersales_sanbao_days_limit:
            warnings.append(self.env._(
                "%(days)s days off the road within the 三包 period, beyond the limit of %(limit)s: the customer "
                "is entitled to a replacement or a refund.", days=days, limit=company.aftersales_sanbao_days_limit,
            ))
        elif days >= company.aftersales_sanbao_days_warning:
            warnings.append(self.env._(
                "%(days)s days off the road within the 三包 period: at %(limit)s days the customer is entitled "
                "to a replacement or a refund.", days=days, limit=company.aftersales_sanbao_days_limit,
            ))
        return warnings

    # ------------------------------------------------------------------
    # Recalls and claims
    # ------------------------------------------------------------------

    def _open_recall_lines(self):
        # sudo: an open recall shows to every reader of the vehicle, whichever company runs the campaign.
        return self.env["aftersales.recall.line"].sudo().search([
            ("vehicle_id", "in", self.ids), ("state", "=", "open"), ("campaign_id.state", "=", "open"),
        ])

    @api.depends("recall_line_ids.state")
    def _compute_open_recall_count(self):
        lines = self._open_recall_lines()
        for vehicle in self:
            mine = lines.filtered(lambda line, v=vehicle: line.vehicle_id == v)
            vehicle.open_recall_count = len(mine)
            vehicle.open_recall_names = ", ".join(mine.campaign_id.mapped("display_name")) or False

    def _search_open_recall_count(self, operator, value):
        if operator not in ("=", "!=", ">", ">=", "<", "<=") or not isinstance(value, int):
            return NotImplemented
        # Only "has an open recall" or "has none" is asked for: count through the open lines.
        # sudo: as the count shown, whoever searches and whichever company runs the campaign.
        lines = self.env["aftersales.recall.line"].sudo()._read_group(
            [("state", "=", "open"), ("campaign_id.state", "=", "open"), ("vehicle_id", "!=", False)],
            ["vehicle_id"], ["__count"],
        )
        counts = {vehicle.id: count for vehicle, count in lines}
        ops = {"=": int.__eq__, "!=": int.__ne__, ">": int.__gt__, ">=": int.__ge__, "<": int.__lt__,
               "<=": int.__le__}
        if ops[operator](0, value):
            excluded = [vid for vid, count in counts.items() if not ops[operator](count, value)]
            return [("id", "not in", excluded)]
        return [("id", "in", [vid for vid, count in counts.items() if ops[operator](count, value)])]

    def _compute_warranty_claim_count(self):
        counts = dict(self.env["aftersales.warranty.claim"]._read_group(
            [("vehicle_id", "in", self.ids)], ["vehicle_id"], ["__count"]
        ))
        for vehicle in self:
            vehicle.warranty_claim_count = counts.get(vehicle, 0)

    def action_view_recalls(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("aftersales_warranty.aftersales_recall_line_action")
        action["domain"] = Domain("vehicle_id", "=", self.id)
        action["context"] = {"create": False}
        return action

    def action_view_warranty_claims(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_claim_action"
        )
        action["domain"] = Domain("vehicle_id", "=", self.id)
        action["context"] = {"create": False}
        return action


def coverage_state(covered):
    return {True: "covered", False: "not_covered"}.get(covered, "unknown")
