import { Component, markup } from "@odoo/owl";
import { deserializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/** The free slots of the next days (rendered by the server); a click on a slot takes it as the arrival. */
export class FreeSlotsField extends Component {
    static template = "aftersales_reception.FreeSlotsField";
    static props = { ...standardFieldProps };

    get table() {
        return markup(this.props.record.data[this.props.name] || "");
    }

    async onClick(ev) {
        const button = ev.target.closest("button[data-slot]");
        if (!button || button.disabled) {
            return;
        }
        await this.props.record.update({ start_date: deserializeDateTime(button.dataset.slot) });
    }
}

registry.category("fields").add("aftersales_free_slots", {
    component: FreeSlotsField,
    supportedTypes: ["html"],
});
