import { registry } from "@web/core/registry";

const card = (title) => ({
    content: `The ${title} card is drawn`,
    trigger: `.o_spreadsheet_dashboard_action canvas.o-scorecard[title='${title}']`,
});

// The service manager opens the After-sales KPIs in the Dashboards app: its cards and the revenue trend are drawn
// once their data is loaded.
registry.category("web_tour.tours").add("aftersales_kpi_manager_dashboard", {
    steps: () => [
        {
            content: "Choose the after-sales KPIs among the dashboards",
            trigger: ".o_search_panel_category_value:contains('After-sales KPIs')",
            run: "click",
        },
        {
            content: "The after-sales KPIs are the dashboard shown",
            trigger: ".o_search_panel_category_value.active:contains('After-sales KPIs')",
        },
        card("Cars In"),
        card("Revenue"),
        card("First-time Fix Rate"),
        card("Satisfaction Score (CSI)"),
        card("Complaint Rate"),
        card("Reminder Conversion Rate"),
        card("Insurance Renewal Rate"),
        {
            content: "The revenue trend is drawn",
            trigger: ".o_spreadsheet_dashboard_action .o-chart-container canvas",
        },
    ],
});
