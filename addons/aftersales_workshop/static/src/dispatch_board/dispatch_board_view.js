import { onWillStart, onWillUpdateProps, reactive, useState, useSubEnv } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";
import { KanbanHeader } from "@web/views/kanban/kanban_header";
import { KanbanRenderer } from "@web/views/kanban/kanban_renderer";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { ColumnProgress } from "@web/views/view_components/column_progress";

/**
 * The dispatch board (派工看板): one column per technician. Under each technician's name, the hours of the jobs
 * in his column against his working hours today (his calendar); more than he works today shows in red.
 */
export class DispatchColumnProgress extends ColumnProgress {
    static template = "aftersales_workshop.DispatchColumnProgress";

    setup() {
        super.setup();
        this.hoursToday = useState(this.env.aftersalesHoursToday);
    }

    get technicianHours() {
        return this.props.group.value ? this.hoursToday[this.props.group.value] : undefined;
    }

    get loadedHours() {
        return this.props.aggregate.value || 0;
    }

    get isOverloaded() {
        return this.technicianHours !== undefined && this.loadedHours > this.technicianHours;
    }

    get loadTitle() {
        return this.technicianHours === undefined
            ? _t("Labour hours of the jobs")
            : _t("Labour hours of the jobs / working hours today");
    }

    formatHours(value) {
        return formatFloat(value, { digits: [16, 1] });
    }
}

export class DispatchKanbanHeader extends KanbanHeader {
    static components = { ...KanbanHeader.components, ColumnProgress: DispatchColumnProgress };
}

export class DispatchKanbanRenderer extends KanbanRenderer {
    static components = { ...KanbanRenderer.components, KanbanHeader: DispatchKanbanHeader };

    setup() {
        super.setup();
        this.orm = useService("orm");
        // Working hours today of the technicians of the columns, read once per technician.
        this.hoursToday = reactive({});
        useSubEnv({ aftersalesHoursToday: this.hoursToday });
        onWillStart(() => this.loadHoursToday(this.props.list));
        onWillUpdateProps((nextProps) => this.loadHoursToday(nextProps.list));
    }

    async loadHoursToday(list) {
        if (!list.isGrouped || list.groupByField.name !== "dispatch_technician_id") {
            return;
        }
        const ids = list.groups.map((group) => group.value).filter((id) => id && !(id in this.hoursToday));
        if (!ids.length) {
            return;
        }
        const users = await this.orm.read("res.users", ids, ["aftersales_hours_today"]);
        for (const user of users) {
            this.hoursToday[user.id] = user.aftersales_hours_today;
        }
    }
}

export const dispatchBoardView = {
    ...kanbanView,
    Renderer: DispatchKanbanRenderer,
};

registry.category("views").add("aftersales_dispatch_board", dispatchBoardView);
