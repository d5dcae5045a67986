from odoo import api, fields, models
from odoo.fields import Domain

from ..models.aftersales_job import OPEN_ORDER_STATES

# How many jobs the dialog takes at once when it opens on the board's jobs still to dispatch.
DISPATCH_BATCH = 80


class AftersalesDispatchWizard(models.TransientModel):
    """The foreman's dispatch: selected jobs to one or several technicians, hours shared equally."""

    _name = "aftersales.dispatch.wizard"
    _description = "Dispatch Jobs"

    job_ids = fields.Many2many(
        "aftersales.job", string="Jobs", required=True,
        domain=[("state", "=", "approved"), ("repair_id.state", "in", OPEN_ORDER_STATES)],
    )
    # The technicians of the board's columns (see res.users._aftersales_technician_domain).
    technician_ids = fields.Many2many(
        "res.users", string="Technicians", required=True, domain=[("aftersales_is_technician", "=", True)],
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "aftersales.job" and "job_ids" in fields_list:
            job_ids = context.get("active_ids") or []
            if not job_ids and context.get("active_domain") is not None:
                # The board's button with no card selected: the jobs of the board (its search too) still to dispatch.
                job_ids = self.env["aftersales.job"].search(
                    Domain(context["active_domain"]) & Domain("assignment_ids", "=", False)
                    & Domain(self._fields["job_ids"].domain),
                    limit=DISPATCH_BATCH,
                ).ids
            values["job_ids"] = [fields.Command.set(job_ids)]
        return values

    def action_dispatch(self):
        self.ensure_one()
        self.job_ids._dispatch(self.technician_ids)
        self.job_ids.write({"priority": self.priority})
        return {"type": "ir.actions.act_window_close"}
