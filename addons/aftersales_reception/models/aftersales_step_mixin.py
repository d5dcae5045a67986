from odoo import api, models
from odoo.exceptions import UserError

from ..tools import current_step


class AftersalesStepMixin(models.AbstractModel):
    """Fields that record a step change only in that step's business method.

    A field declared with ``aftersales_step=True`` is refused in ``create`` (unless empty or its
    default), ``write`` and import for every user, the superuser included, unless a business step
    runs (see ``tools/step.py``). A model whose records are the evidence of a step sets
    ``_aftersales_step_record``: its records are created, changed and deleted by their step only.
    """

    _name = "aftersales.step.mixin"
    _description = "After-sales Step Guard"

    _aftersales_step_record = False

    def _valid_field_parameter(self, field, name):
        return name == "aftersales_step" or super()._valid_field_parameter(field, name)

    @api.model
    def _aftersales_step_field_names(self):
        return {name for name, field in self._fields.items() if getattr(field, "aftersales_step", False)}

    @api.model
    def _aftersales_step_guard_active(self):
        # Installing a module loads its data files, which may record steps already taken (demo visits).
        return current_step() is None and self.env.registry.ready

    @api.model
    def _aftersales_step_guards_values(self, vals):
        """Whether a new record with these values is under the guard; repair orders narrow it."""
        return True

    def _aftersales_step_guarded_records(self):
        """The records whose step fields are guarded; repair orders narrow it to after-sales orders."""
        return self

    def _aftersales_step_changes(self, name, value):
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        for record in self:
            if field.convert_to_record(field.convert_to_cache(value, record), record) != record[name]:
                return True
        return False

    def _aftersales_raise_step_fields(self, names):
        model_name = self.env["ir.model"]._get(self._name).name
        labels = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in names))
        raise UserError(self.env._(
            "%(model)s: only its business step (the step's button) changes %(fields)s, not editing, importing or "
            "an API call.",
            fields=labels, model=model_name,
        ))

    def _aftersales_raise_step_record(self):
        model_name = self.env["ir.model"]._get(self._name).name
        raise UserError(self.env._(
            "%(model)s records are kept by their business step only: they cannot be created, changed or "
            "deleted directly.",
            model=model_name,
        ))

    @api.model_create_multi
    def create(self, vals_list):
        if self._aftersales_step_guard_active():
            if self._aftersales_step_record:
                self._aftersales_raise_step_record()
            step_fields = self._aftersales_step_field_names()
            # Defaults given in the context are values too.
            context_values = {
                key.removeprefix("default_"): value for key, value in self.env.context.items()
                if key.startswith("default_") and key.removeprefix("default_") in step_fields
            }
            for vals in vals_list:
                values = {**context_values, **vals}
                if not self._aftersales_step_guards_values(values):
                    continue
                forced = [
                    name for name in step_fields & set(values)
                    if values[name] and values[name] != self._aftersales_step_default(name)
                ]
                if forced:
                    self._aftersales_raise_step_fields(forced)
        return super().create(vals_list)

    @api.model
    def _aftersales_step_default(self, name):
        field = self._fields[name]
        return field.default(self) if field.default else False

    def write(self, vals):
        if self and self._aftersales_step_guard_active():
            step_fields = self._aftersales_step_field_names() & set(vals)
            if step_fields or self._aftersales_step_record:
                records = self._aftersales_step_guarded_records()
                if records and self._aftersales_step_record:
                    self._aftersales_raise_step_record()
                changed = [name for name in step_fields if records._aftersales_step_changes(name, vals[name])]
                if changed:
                    self._aftersales_raise_step_fields(changed)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_step_record(self):
        if self._aftersales_step_record and self._aftersales_step_guard_active():
            self._aftersales_raise_step_record()
