import { registry } from "@web/core/registry";

// A technician starts a job on the tablet, pauses it waiting for parts, resumes and finishes it.
const card = ".o_kanban_record:contains('更换正时皮带')";

registry.category("web_tour.tours").add("aftersales_technician_clocking", {
    steps: () => [
        {
            content: "Start the job",
            trigger: `${card} button[name=action_clock_start]`,
            run: "click",
        },
        {
            content: "Pause it",
            trigger: `${card} button[name=action_open_pause_wizard]`,
            run: "click",
        },
        {
            content: "Waiting for parts",
            trigger: ".modal .o_field_widget[name=reason] input[data-value=parts]",
            run: "click",
        },
        {
            trigger: ".modal button[name=action_pause]",
            run: "click",
        },
        {
            content: "The parts arrived: start again",
            trigger: `${card} button[name=action_clock_start]`,
            run: "click",
        },
        {
            content: "Finish",
            trigger: `${card} button[name=action_clock_finish]`,
            run: "click",
        },
        {
            content: "The finished job leaves the technician's list",
            trigger: "body:not(:has(button[name=action_clock_finish]))",
        },
    ],
});
