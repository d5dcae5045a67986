import { Component, onMounted, onWillUnmount, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * Hours, minutes and seconds since a datetime (the start of the technician's running clock), counting on
 * every second while shown; nothing when the field is empty.
 */
export function formatElapsed(seconds) {
    const hours = Math.floor(seconds / 3600);
    const minutes = String(Math.floor((seconds % 3600) / 60)).padStart(2, "0");
    return `${hours}:${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}

export class ClockTimerField extends Component {
    static template = "aftersales_workshop.ClockTimerField";
    static props = { ...standardFieldProps };

    setup() {
        this.state = useState({ now: Date.now() });
        onMounted(() => {
            this.interval = browser.setInterval(() => (this.state.now = Date.now()), 1000);
        });
        onWillUnmount(() => browser.clearInterval(this.interval));
    }

    get start() {
        return this.props.record.data[this.props.name];
    }

    get elapsedSeconds() {
        // A tablet whose clock is a little behind the server's shows 0:00:00 until it catches up.
        return Math.max(0, Math.floor((this.state.now - this.start.toMillis()) / 1000));
    }

    get elapsed() {
        return formatElapsed(this.elapsedSeconds);
    }
}

export const clockTimerField = {
    component: ClockTimerField,
    displayName: _t("Running Timer"),
    supportedTypes: ["datetime"],
};

registry.category("fields").add("aftersales_clock_timer", clockTimerField);
