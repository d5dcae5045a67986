import { registry } from "@web/core/registry";

// The advisor finds the car by the plate as the customer says it, reads where the order is on the status
// bar, records the customer's approval by phone and sees the order move on: in Chinese.
registry.category("web_tour.tours").add("aftersales_work_order_advisor", {
    steps: () => [
        {
            content: "Type the plate as the customer says it",
            trigger: ".o_searchview_input",
            run: "edit ak7q15",
        },
        {
            content: "Search the plates",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains('车牌')",
            run: "click",
        },
        {
            content: "Only the car's order is left: open it",
            trigger: ".o_list_table:not(:has(.o_data_row:not(:contains('浙A·K7Q15')))) .o_data_row:contains('浙A·K7Q15') td[name=name]",
            run: "click",
        },
        {
            content: "The order waits for the customer's approval of the quotation, and says so",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('报价')",
        },
        {
            content: "Only the after-sales step is offered, not Odoo Repairs' confirmation",
            trigger: ".o_statusbar_buttons:not(:has(button[name=action_validate])):not(:has(button[name=action_repair_start])) button[name=action_open_approval_wizard]:contains('客户确认')",
        },
        {
            content: "The estimate the customer approves: 3 h at 300 and the filter",
            trigger: ".o_field_widget[name=estimate_total]:contains('958.00')",
        },
        {
            content: "Record the approval",
            trigger: "button[name=action_open_approval_wizard]",
            run: "click",
        },
        {
            content: "Approved on the phone",
            trigger: ".modal .o_field_widget[name=channel] input[data-value=phone]",
            run: "click",
        },
        {
            content: "By the customer",
            trigger: ".modal .o_field_widget[name=approved_by] input",
            run: "edit 王小明",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_approve]",
            run: "click",
        },
        {
            content: "The order moved on to confirmed",
            trigger: "body:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains('已确认')",
        },
    ],
});
