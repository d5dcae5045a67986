import { registry } from "@web/core/registry";

// The parts clerk issues an approved order's parts; the technician signs from his own login.
registry.category("web_tour.tours").add("aftersales_parts_issue", {
    steps: () => [
        {
            content: "Issue the order's parts",
            trigger: ".o_form_view button[name=action_create_parts_issue]",
            run: "click",
        },
        {
            content: "The note lists the reserved parts, 4 L of oil, waiting for the technician's signature",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains('5W-40'):contains('4.00')",
        },
        {
            trigger: ".o_form_view:not(:has(button[name=action_validate]))",
        },
    ],
});

// The technician, logged in as himself, signs the note for the parts he takes.
registry.category("web_tour.tours").add("aftersales_parts_issue_sign", {
    steps: () => [
        {
            content: "The technician signs",
            trigger: ".o_form_view button[name=action_open_technician_sign]",
            run: "click",
        },
        {
            content: "The parts he takes",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains('5W-40')",
        },
        {
            content: "Open the signature pad",
            trigger: ".modal .o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "Adopt the signature his name drew",
            trigger: ".modal:has(canvas.o_web_sign_signature) .modal-footer button.btn-primary:enabled",
            run: "click",
        },
        {
            trigger: ".modal:not(:has(canvas.o_web_sign_signature)) .o_field_widget[name=signature] img",
        },
        {
            content: "Sign the note",
            trigger: ".modal button[name=action_sign]",
            run: "click",
        },
        {
            content: "Signed with his name",
            trigger: ".o_form_view .o_field_widget[name=signed_by]:contains('刘伟')",
        },
    ],
});

// Back at the counter, the parts clerk validates: the parts leave the store.
registry.category("web_tour.tours").add("aftersales_parts_issue_validate", {
    steps: () => [
        {
            content: "The clerk validates: the parts leave the store",
            trigger: ".o_form_view button[name=action_validate]",
            run: "click",
        },
        {
            content: "The note is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('已完成')",
        },
    ],
});
