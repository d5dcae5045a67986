"""Counter sales and accessories (精品) leave aftersales_parts for aftersales_accessories.

Before 19.0.1.2.0 this addon held them. The records keep their ids: the external ids of what moved
(fields and selection values, views, actions, menus, access rules, sales teams, demo records, and
the accessories clerk's role and demo user, declared by reception before) are handed to the new
addon, which is marked to be installed in this same upgrade. Its data files then update these
records instead of creating new ones, and the columns of the moved fields keep their values.
"""

import logging

from odoo.tools import SQL

from odoo.addons.aftersales_reception.tools.migrate import install_with_upgrade, move_xmlids

_logger = logging.getLogger(__name__)

NEW = "aftersales_accessories"

# Reception declared the accessories clerk's role and demo user.
FROM_RECEPTION = ["group_accessories_clerk", "demo_user_accessories"]
# What this addon declared for counter sales and accessories: old name -> new name.
FROM_PARTS = {
    name: name for name in [
        "crm_team_parts_counter", "crm_team_accessories",
        "sale_order_view_form_counter",
        "sale_order_action_counter", "sale_order_action_counter_view_list", "sale_order_action_counter_view_form",
        "sale_order_action_accessory",
        "menu_aftersales_counter_sales", "menu_aftersales_accessory_sales",
        "access_stocktake_accessories_clerk", "access_stocktake_line_accessories_clerk",
        "access_receipt_refusal_accessories_clerk", "access_receipt_check_accessories_clerk",
        "access_receipt_check_line_accessories_clerk", "access_parts_stock_report_accessories_clerk",
        "access_parts_sales_report_accessories_clerk",
        "model_sale_order", "model_inherit__sale_order__aftersales_step_mixin",
        "field_product_template__installation_hours", "field_product_product__installation_hours",
        "field_aftersales_parts_sales_report__sale_order_id",
        "selection__aftersales_parts_sales_report__channel__counter",
        "selection__aftersales_parts_sales_report__channel__accessory",
        "demo_sale_counter", "demo_sale_accessory_zhang_wei", "demo_sale_accessory_wang_fang",
    ]
} | {
    "view_order_form_aftersales_parts": "view_order_form_aftersales_accessories",
    "sale_order_view_search_aftersales_parts": "sale_order_view_search_aftersales_accessories",
    "menu_aftersales_parts_sales": "menu_aftersales_counter_accessories",
}
# Every field and selection value this addon added to sale orders.
SALE_ORDER_PREFIXES = ["field_sale_order__", "selection__sale_order__"]


def _sale_order_names(cr):
    cr.execute(SQL(
        "SELECT name FROM ir_model_data WHERE module = 'aftersales_parts' AND (%s)",
        SQL(" OR ").join(SQL("name LIKE %s", prefix.replace("_", r"\_") + "%") for prefix in SALE_ORDER_PREFIXES),
    ))
    return [name for name, in cr.fetchall()]


def _list_module(cr):
    # Odoo lists the addons found on its path before upgrading: the row is normally there already.
    cr.execute(SQL(
        """
        INSERT INTO ir_module_module (name, state, demo)
        SELECT %(new)s, 'uninstalled', FALSE
         WHERE NOT EXISTS (SELECT 1 FROM ir_module_module WHERE name = %(new)s)
        """,
        new=NEW,
    ))


def migrate(cr, version):
    move_xmlids(cr, "aftersales_reception", NEW, FROM_RECEPTION)
    move_xmlids(cr, "aftersales_parts", NEW, {**FROM_PARTS, **{name: name for name in _sale_order_names(cr)}})
    # The OCA way of splitting a module: the new one is installed in the same upgrade.
    _list_module(cr)
    if install_with_upgrade(cr, NEW, ["aftersales_parts"]):
        _logger.info("%s is installed with this upgrade", NEW)
