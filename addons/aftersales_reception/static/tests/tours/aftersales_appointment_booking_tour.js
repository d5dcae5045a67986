import { registry } from "@web/core/registry";

// A Chinese advisor reads the week's calendar and books a free afternoon slot from the booking form.
registry.category("web_tour.tours").add("aftersales_appointment_booking", {
    steps: () => [
        {
            content: "The week runs from Monday to Sunday",
            trigger: ".o_aftersales_appointment_calendar_view .fc-col-header-cell.fc-day-sat + .fc-col-header-cell.fc-day-sun",
        },
        {
            content: "Each booking shows the plate, the customer and the service",
            trigger: ".o_aftersales_appointment_event:has(.o_appointment_plate:contains('浙A·TOUR4')):has(.o_appointment_customer:contains('沙和尚')):has(.o_appointment_service:contains('四万公里保养'))",
        },
        {
            content: "Go to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Book a new appointment",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "The customer's car",
            trigger: ".o_form_view .o_field_widget[name=vehicle_id] input",
            run: "edit TOUR3",
        },
        {
            content: "Pick the car",
            trigger: ".o-autocomplete--dropdown-item:contains('浙A·TOUR3')",
            run: "click",
        },
        {
            content: "The customer follows the car",
            trigger: ".o_form_view .o_field_widget[name=partner_id] input:value(白龙马)",
        },
        {
            content: "Open the free slots",
            trigger: ".o_notebook .nav-link[name=free_slots]",
            run: "click",
        },
        {
            content: "Take the first free afternoon slot",
            trigger: ".o_aftersales_free_slots .o_slots_afternoon button.o_aftersales_free_slot:first",
            run: "click",
        },
        {
            content: "The slot is the arrival",
            trigger: ".o_aftersales_free_slots .o_slots_afternoon button.o_aftersales_free_slot.btn-primary",
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
