import { registry } from "@web/core/registry";

// The technician on his tablet: he opens his jobs from the apps menu, finds the car by its plate, starts the
// job and sees the timer run, proposes the additional work he found from the job's card, and finishes his part.
const card = ".o_kanban_record:contains('更换正时皮带')";

/** Resolve once the timer shows another second than ``seconds``; fail if it stands still for 5 seconds. */
function waitForTick(timer, seconds) {
    return new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
            if (timer.dataset.seconds !== seconds) {
                observer.disconnect();
                clearTimeout(deadline);
                resolve();
            }
        });
        const deadline = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`The timer stands still at ${seconds} s.`));
        }, 5000);
        observer.observe(timer, { attributes: true, attributeFilter: ["data-seconds"] });
    });
}

registry.category("web_tour.tours").add("aftersales_technician_tablet", {
    steps: () => [
        {
            content: "Once the first app is loaded, open the apps",
            trigger: ".o_main_navbar:has(.o_menu_brand) .o_grid_apps_menu__button",
            run: "click",
        },
        {
            content: "After-sales",
            trigger: ".o-app-menu-item[data-menu-xmlid='aftersales_reception.menu_aftersales_root']",
            run: "click",
        },
        {
            content: "The workshop's menu",
            trigger: ".o_menu_sections [data-menu-xmlid='aftersales_workshop.menu_aftersales_workshop']",
            run: "click",
        },
        {
            content: "My jobs",
            trigger: ".dropdown-item[data-menu-xmlid='aftersales_workshop.menu_aftersales_my_jobs']",
            run: "click",
        },
        {
            content: "His approved job shows the car's plate, large",
            trigger: `${card} .o_aftersales_plate:contains('浙A·TAB01')`,
        },
        {
            content: "Not the job of the car whose customer has not approved yet, and no price on the cards",
            trigger:
                ".o_aftersales_technician_kanban:not(:has(.o_kanban_record:contains('检查异响')))" +
                ":not(:has(.o_field_monetary))",
        },
        {
            content: "Start the job",
            trigger: `${card} button[name=action_clock_start]`,
            run: "click",
        },
        {
            content: "The timer runs from his clock-on",
            trigger: `${card} .o_aftersales_clock_timer[data-seconds]`,
            run() {
                return waitForTick(this.anchor, this.anchor.dataset.seconds);
            },
        },
        {
            content: "He found worn brake pads: propose the additional work from the card",
            trigger: `${card} button[name=action_open_extra_work_wizard]`,
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit 更换前刹车片",
        },
        {
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 刹车片只剩 2 mm",
        },
        {
            trigger: ".modal .o_field_widget[name=labour_hours] input",
            run: "edit 1:30",
        },
        {
            content: "Propose it to the advisor",
            trigger: ".modal button[name=action_propose]",
            run: "click",
        },
        {
            content: "Back on his card, the timer still running",
            trigger: `body:not(:has(.modal)) ${card} .o_aftersales_clock_timer`,
        },
        {
            content: "His part is done",
            trigger: `${card} button[name=action_clock_finish]`,
            run: "click",
        },
        {
            content: "The timer stops and the job is finished",
            trigger: `body:not(:has(${card} .o_aftersales_clock_timer)):not(:has(button[name=action_clock_finish]))`,
        },
    ],
});
