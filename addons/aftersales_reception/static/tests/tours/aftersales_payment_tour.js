import { registry } from "@web/core/registry";

// The cashier takes the WeChat payment of a settled order from the queue; the order leaves the queue.
registry.category("web_tour.tours").add("aftersales_cashier_payment", {
    steps: () => [
        {
            content: "Take the payment of the order waiting in the queue",
            trigger: ".o_list_view .o_data_row:has(td:contains('浙A·P0001')) button[name=action_open_payment_wizard]",
            run: "click",
        },
        {
            content: "The dialog shows what the customer owes",
            trigger: ".modal .o_field_widget[name=amount_due]:contains('900.00')",
        },
        {
            content: "The customer pays by WeChat",
            trigger: ".modal .o_field_widget[name=payment_method] input[data-value=wechat]",
            run: "click",
        },
        {
            content: "The WeChat Pay journal takes it",
            trigger: ".modal .o_field_widget[name=journal_name]:contains('微信支付')",
        },
        {
            content: "The amount in words",
            trigger: ".modal .o_field_widget[name=amount_in_words]:contains('玖佰元整')",
        },
        {
            content: "Confirm and print the receipt",
            trigger: ".modal button[name=action_take_payment]",
            run: "click",
        },
        {
            content: "The dialog closes and the paid order leaves the queue; the other one waits",
            trigger: "body:not(:has(.modal)) .o_list_view:not(:has(td:contains('浙A·P0001'))) .o_data_row td:contains('浙A·P0002')",
            // The payment, its receipt and the queue's reload: more than a click's time on a busy machine.
            timeout: 30000,
        },
    ],
});
