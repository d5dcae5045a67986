import { registry } from "@web/core/registry";

// The advisor turns today's appointment into a check-in sheet and notes the customer's concern.
registry.category("web_tour.tours").add("aftersales_appointment_check_in", {
    steps: () => [
        {
            content: "Open the appointment",
            trigger: ".o_data_row td:contains('浙A·TOUR2')",
            run: "click",
        },
        {
            content: "Check the car in",
            trigger: ".o_form_view button[name=action_check_in]",
            run: "click",
        },
        {
            content: "The check-in sheet opens for the booked car",
            trigger: ".o_form_view .o_field_widget[name=vehicle_id] input:value(浙A·TOUR2)",
        },
        {
            content: "Type the mileage in",
            trigger: ".o_field_widget[name=odometer] input",
            run: "edit 52300",
        },
        {
            content: "Open the concerns",
            trigger: ".o_notebook a:contains('故障描述')",
            run: "click",
        },
        {
            content: "Add a concern",
            trigger: ".o_field_widget[name=concern_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "In the customer's words",
            trigger: ".o_field_widget[name=concern_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit 冷车启动有异响",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});
