import { registry } from "@web/core/registry";

// The service manager reads the work orders by stage, in the order of the visit, and lets a regular
// customer's car leave before payment.
registry.category("web_tour.tours").add("aftersales_manager_allows_credit", {
    steps: () => [
        {
            content: "The board by stage, in the visit's order",
            trigger: ".o_kanban_group:has(.o_kanban_record:contains('浙A·K7Q15')) .o_column_title:contains('已结算')",
            run() {
                const titles = [...document.querySelectorAll(".o_kanban_group .o_column_title")].map(
                    (title) => title.textContent.trim()
                );
                const flow = ["接车", "报价", "已确认", "维修中", "待交车", "已交车", "已结算", "已出厂"];
                const positions = flow.map((stage) => titles.findIndex((title) => title.startsWith(stage)));
                if (positions.includes(-1) || positions.some((pos, i) => i && pos < positions[i - 1])) {
                    throw new Error(`Stages out of the visit's order: ${titles.join(" → ")}`);
                }
            },
        },
        {
            content: "Open the settled, unpaid order",
            trigger: ".o_kanban_record:contains('浙A·K7Q15')",
            run: "click",
        },
        {
            content: "It is settled and delivered, not paid: the manager may allow credit",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('已结算')",
        },
        {
            content: "Allow credit",
            trigger: ".o_statusbar_buttons button[name=action_allow_credit]",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The gate pass can be issued now",
            trigger: "body:not(:has(.modal)) .o_statusbar_buttons:not(:has(button[name=action_allow_credit])) button[name=action_issue_gate_pass]",
        },
    ],
});
