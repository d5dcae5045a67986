import { registry } from "@web/core/registry";

// The foreman finds a car on the dispatch board by its plate as typed at the reception, drags its timing belt
// job to 吴师傅, sees it in his column with his hours, then dispatches the car's other job to 马师傅 with the
// Dispatch button.
const column = (title) => `.o_kanban_group:has(.o_column_title:contains('${title}'))`;
// The jobs no technician has yet: the column 未派工 (named in the language the board was loaded in).
const notDispatched = (card) => `${column("未派工")} ${card}, ${column("Not Dispatched")} ${card}`;
const belt = ".o_kanban_record:contains('浙A·TOUR5'):contains('更换正时皮带')";
const chassis = ".o_kanban_record:contains('浙A·TOUR5'):contains('检查底盘')";

registry.category("web_tour.tours").add("aftersales_dispatch_board", {
    steps: () => [
        {
            content: "The car's jobs wait to be dispatched",
            trigger: notDispatched(belt),
        },
        {
            content: "吴师傅 has no job yet: 0 of his hours today",
            trigger: `${column("吴师傅")} .o_aftersales_loaded_hours:contains('0.0')`,
        },
        {
            content: "Type the plate as the reception says it",
            trigger: ".o_searchview_input",
            run: "edit 浙atour5",
        },
        {
            content: "Search the plate",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains('车牌号')",
            run: "click",
        },
        {
            content: "Only that car's jobs are left",
            trigger: `.o_kanban_renderer:has(${chassis}):not(:has(.o_kanban_record:not(.o_kanban_ghost):not(:contains('浙A·TOUR5'))))`,
        },
        {
            content: "Drag the timing belt to 吴师傅",
            trigger: notDispatched(belt),
            run: `drag_and_drop (${column("吴师傅")})`,
        },
        {
            content: "It is his job now, with its hours in his column",
            trigger: `${column("吴师傅")}:has(${belt}) .o_aftersales_loaded_hours:contains('3.0')`,
        },
        {
            content: "The other job of the car: the Dispatch button takes the jobs still to dispatch",
            trigger: ".o_control_panel button:contains('派工')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=job_ids] .o_data_row:contains('检查底盘')",
        },
        {
            content: "To 马师傅",
            trigger: ".modal .o_field_widget[name=technician_ids] input",
            run: "edit 马师傅",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('马师傅')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=technician_ids] .o_tag:contains('马师傅')",
        },
        {
            trigger: ".modal button[name=action_dispatch]",
            run: "click",
        },
        {
            content: "The job is in 马师傅's column, with its hours",
            trigger: `body:not(:has(.modal)) ${column("马师傅")}:has(${chassis}) .o_aftersales_loaded_hours:contains('0.5')`,
        },
    ],
});
