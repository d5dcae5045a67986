import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarRenderer } from "@web/views/calendar/calendar_renderer";
import { calendarView } from "@web/views/calendar/calendar_view";

/**
 * The appointments' calendar: one row per reception slot (15 minutes), each booking shows the car's
 * plate, the customer and the requested service.
 */
export class AppointmentCalendarCommonRenderer extends CalendarCommonRenderer {
    static eventTemplate = "aftersales_reception.AppointmentCalendarEvent";

    get options() {
        return {
            ...super.options,
            slotDuration: "00:15:00",
            slotLabelInterval: "01:00",
            scrollTime: "08:00:00",
        };
    }
}

export class AppointmentCalendarRenderer extends CalendarRenderer {
    static components = {
        ...CalendarRenderer.components,
        day: AppointmentCalendarCommonRenderer,
        week: AppointmentCalendarCommonRenderer,
        month: AppointmentCalendarCommonRenderer,
    };
}

export class AppointmentCalendarController extends CalendarController {
    /** A click on a free slot books it in a small form; the calendar shows the booking once saved. */
    getQuickCreateFormViewProps(record) {
        return {
            ...super.getQuickCreateFormViewProps(record),
            onRecordSaved: () => this.model.load(),
            size: "md",
            title: _t("New Appointment"),
        };
    }
}

export const appointmentCalendarView = {
    ...calendarView,
    Controller: AppointmentCalendarController,
    Renderer: AppointmentCalendarRenderer,
};

registry.category("views").add("aftersales_appointment_calendar", appointmentCalendarView);
