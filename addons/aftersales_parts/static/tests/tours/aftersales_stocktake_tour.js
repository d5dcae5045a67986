import { registry } from "@web/core/registry";

// The parts clerk counts a shelf: starts the count, enters what is on the shelf, submits it.
registry.category("web_tour.tours").add("aftersales_stocktake_count", {
    steps: () => [
        {
            content: "Open the stocktake of the shelf",
            trigger: ".o_data_row td:contains('T-99')",
            run: "click",
        },
        {
            content: "Start the count",
            trigger: ".o_form_view button[name=action_start_count]",
            run: "click",
        },
        {
            content: "The shelf's part is on the count",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=counted_qty]",
            run: "click",
        },
        {
            content: "Enter what is on the shelf",
            trigger: ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=counted_qty] input",
            run: "edit 8",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Hand the count in",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The manager has it to approve",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('待审批')",
        },
    ],
});
