"""WeChat Pay and Alipay are two payment methods of a work order, each with its journal: orders paid by
"WeChat Pay / Alipay" (``mobile``) before 19.0.1.2.0 are WeChat Pay orders, the most common of the two.
Moved before the module loads, so that the removed value does not empty the field."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("UPDATE repair_order SET payment_method = 'wechat' WHERE payment_method = 'mobile'"))
