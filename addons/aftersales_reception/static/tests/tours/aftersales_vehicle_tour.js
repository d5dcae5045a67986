import { registry } from "@web/core/registry";

// A service advisor registers a customer's car from the After-sales app.
registry.category("web_tour.tours").add("aftersales_register_vehicle", {
    steps: () => [
        {
            content: "Create a customer vehicle",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Type the plate",
            trigger: ".o_field_widget[name=license_plate] input",
            run: "edit 浙A·TOUR1",
        },
        {
            content: "Pick the model",
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit Tour Sedan",
        },
        {
            trigger: ".ui-menu-item > a:contains('Tour Sedan')",
            run: "click",
        },
        {
            content: "Pick the owner",
            trigger: ".o_field_widget[name=customer_id] input",
            run: "edit 孙悟空",
        },
        {
            trigger: ".ui-menu-item > a:contains('孙悟空')",
            run: "click",
        },
        {
            content: "Type the VIN in lower case",
            trigger: ".o_field_widget[name=vin_sn] input",
            run: "edit ltv2a21k2m3040845",
        },
        {
            content: "The VIN is upper-cased as typed",
            trigger: ".o_field_widget[name=vin_sn] input:value(LTV2A21K2M3040845)",
        },
        {
            content: "The owner drives the car",
            trigger: ".o_field_widget[name=driver_id] input:value(孙悟空)",
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
