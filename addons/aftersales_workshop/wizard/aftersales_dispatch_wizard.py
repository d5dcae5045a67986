from odoo import api, fields, models


class AftersalesDispatchWizard(models.TransientModel):
    """The foreman's dispatch: selected jobs to one or several technicians, hours shared equally."""

    _name = "aftersales.dispatch.wizard"
    _description = "Dispatch Jobs"

    job_ids = fields.Many2many("aftersales.job", string="Jobs", required=True)
    technician_ids = fields.Many2many(
        "res.users", string="Technicians", required=True,
        domain=lambda self: [("all_group_ids", "in", self.env.ref(
            "aftersales_reception.group_workshop_technician").ids), ("share", "=", False)],
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "aftersales.job" and "job_ids" in fields_list:
            values["job_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_dispatch(self):
        self.ensure_one()
        self.job_ids._assign_technicians(self.technician_ids)
        self.job_ids.write({"priority": self.priority})
        return {"type": "ir.actions.act_window_close"}
