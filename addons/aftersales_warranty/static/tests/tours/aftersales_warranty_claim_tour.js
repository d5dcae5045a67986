import { registry } from "@web/core/registry";

// The warranty clerk submits a claim and records the manufacturer's approval.
registry.category("web_tour.tours").add("aftersales_warranty_claim_decision", {
    steps: () => [
        {
            content: "Open the labour and parts",
            trigger: ".o_form_view .o_notebook .nav-link[name=lines]",
            run: "click",
        },
        {
            content: "The claim asks the manufacturer for 2 h at the warranty rate of 200",
            trigger: ".o_form_view .o_field_widget[name=amount_claimed]:contains('400.00')",
        },
        {
            content: "Submit the claim to the manufacturer",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "The manufacturer answered",
            trigger: ".o_form_view button[name=action_open_decision_wizard]",
            run: "click",
        },
        {
            content: "Its claim number",
            trigger: ".modal .o_field_widget[name=manufacturer_ref] input",
            run: "edit FAW-TOUR-0001",
        },
        {
            content: "Approved as claimed",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The claim is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('已批准')",
        },
    ],
});
