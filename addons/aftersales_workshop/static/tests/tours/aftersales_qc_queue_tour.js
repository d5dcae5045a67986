import { registry } from "@web/core/registry";

// The QC inspector opens his queue, inspects the car waiting there and passes it: it leaves the queue.
const row = ".o_data_row:contains('浙A·TOUR6')";

registry.category("web_tour.tours").add("aftersales_qc_queue", {
    steps: () => [
        {
            content: "The car whose jobs are finished waits for inspection",
            trigger: `${row} button[name=action_request_quality_check]`,
            run: "click",
        },
        {
            content: "The check of that work order",
            trigger: ".o_form_view .o_field_widget[name=vehicle_id]:contains('TOUR6')",
        },
        {
            trigger: ".o_field_widget[name=jobs_checked] input",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=road_test_done] input",
            run: "click",
        },
        {
            content: "Pass the car",
            trigger: ".o_form_view button[name=action_pass]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('合格')",
        },
        {
            content: "Back to the queue",
            trigger: ".o_breadcrumb a:contains('待质检')",
            run: "click",
        },
        {
            content: "The car has left the queue",
            trigger: ".o_breadcrumb .active:contains('待质检')",
        },
        {
            trigger: `.o_action:not(:has(${row}))`,
        },
    ],
});
