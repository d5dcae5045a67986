from . import models
from . import report
from . import wizard


def uninstall_hook(env):
    # Odoo's multi-company rules of customers and vehicles, as they were before the after-sales sharing.
    env["res.company"]._aftersales_set_sharing_rules(shared=False)
