import { registry } from "@web/core/registry";

// The parts clerk issues an approved order's parts: the technician signs, the clerk validates.
registry.category("web_tour.tours").add("aftersales_parts_issue", {
    steps: () => [
        {
            content: "Issue the order's parts",
            trigger: ".o_form_view button[name=action_create_parts_issue]",
            run: "click",
        },
        {
            content: "The note lists the reserved parts",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('5W-40')",
        },
        {
            content: "The technician's name",
            trigger: ".o_field_widget[name=signed_by] input",
            run: "edit 刘伟",
        },
        {
            content: "The technician signs",
            trigger: ".o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer button.btn-primary:enabled",
            run: "click",
        },
        {
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The clerk validates: the parts leave the store",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The note is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
