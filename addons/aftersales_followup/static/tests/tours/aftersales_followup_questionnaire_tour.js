import { registry } from "@web/core/registry";

const answer = (question, choice) => ({
    content: `${question}: ${choice}`,
    trigger: `.js_question-wrapper:contains("${question}") label.o_survey_choice_btn span:text(${choice})`,
    run: "click",
});

// The follow-up agent calls today's customer and fills the questionnaire with them on the phone.
registry.category("web_tour.tours").add("aftersales_followup_questionnaire", {
    steps: () => [
        {
            content: "My calls to make are listed",
            trigger: ".o_list_view .o_data_row td:contains('唐先生')",
        },
        {
            content: "Open the filters",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "Only the calls due today",
            trigger: ".o_filter_menu .o_menu_item:contains('Due Today')",
            run: "click",
        },
        {
            content: "The filter is on",
            trigger: ".o_searchview_facet:contains('Due Today')",
        },
        {
            content: "Open the customer's call",
            trigger: ".o_data_row td:contains('唐先生')",
            run: "click",
        },
        {
            content: "Open the questionnaire",
            trigger: ".o_form_view button[name=action_open_questionnaire]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The customer's questionnaire opens for the agent",
            trigger: "button.btn:contains('Start Survey')",
            run: "click",
        },
        answer("How quickly were you received", "Very satisfied"),
        answer("Was your car ready at the promised time", "Satisfied"),
        answer("How quickly did settlement and payment go", "Satisfied"),
        answer("How do you find the prices of parts and labour", "Neutral"),
        answer("Did the advisor quote the costs up front", "Very satisfied"),
        answer("How satisfied are you with the repair", "Satisfied"),
        answer("Overall, how satisfied are you with this visit", "Satisfied"),
        {
            content: "The customer's suggestion, in their words",
            trigger: '.js_question-wrapper:contains("What could we do better") textarea',
            run: "edit 希望周末也能预约",
        },
        {
            content: "Submit the questionnaire",
            trigger: "button[value=finish]:not(.disabled)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The questionnaire is complete: back to the call",
            trigger: ".o_survey_finished a.o_aftersales_back_to_call",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The questionnaire's score is on the call",
            trigger: ".o_form_view .o_field_widget[name=survey_state]:contains('Completed')",
        },
        {
            content: "The score is 4 of 5",
            trigger: ".o_form_view .o_field_widget[name=score] input:value(4)",
        },
        {
            content: "What the customer said",
            trigger: ".o_field_widget[name=customer_words] textarea",
            run: "edit 都挺好",
        },
        {
            content: "The customer is satisfied",
            trigger: ".o_form_view button[name=action_outcome_satisfied]",
            run: "click",
        },
        {
            content: "The call is done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
