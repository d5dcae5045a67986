import { NavBar } from "@web/webclient/navbar/navbar";
import { patch } from "@web/core/utils/patch";
import { useService } from "@web/core/utils/hooks";

// See navbar_compat.xml: Odoo 19.0 builds whose navbar has no ui service get it.
patch(NavBar.prototype, {
    setup() {
        super.setup();
        if (!this.ui) {
            this.ui = useService("ui");
        }
    },
});
