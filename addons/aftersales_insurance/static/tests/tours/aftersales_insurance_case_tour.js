import { registry } from "@web/core/registry";

// The insurance clerk completes the claim, calls the assessor and records the agreed assessment.
registry.category("web_tour.tours").add("aftersales_insurance_case", {
    steps: () => [
        {
            content: "The board by state",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The car waits in the Reported column with its missing documents",
            trigger: ".o_kanban_group:contains('已报案') .o_kanban_record:contains('浙A·TOUR9') .badge",
        },
        {
            content: "Back to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the accident car's case",
            trigger: ".o_data_row td:contains('浙A·TOUR9')",
            run: "click",
        },
        {
            content: "Policy number",
            trigger: ".o_field_widget[name=policy_number] input",
            run: "edit PDAA2026TOUR",
        },
        {
            content: "The excess of the policy",
            trigger: ".o_field_widget[name=excess_amount] input",
            run: "edit 200",
        },
        {
            content: "Call the assessor in",
            trigger: ".o_form_view button[name=action_start_assessment]",
            run: "click",
        },
        {
            content: "Draft the assessment from the insurance jobs",
            trigger: ".o_form_view .o_form_statusbar button[name=action_new_assessment]",
            run: "click",
        },
        {
            content: "The assessor lowers the labour",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:first-child td[name=amount]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=amount] input",
            run: "edit 400",
        },
        {
            content: "Send it to the insurer",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The insurer agreed",
            trigger: ".o_form_view button[name=action_agree]",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value=agreed]",
        },
    ],
});
