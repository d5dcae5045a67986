"""Helpers of the after-sales addons' migration scripts."""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def move_xmlids(cr, from_module, to_module, names):
    """Give records ``from_module`` declared to ``to_module``, which declares them now (run it in a pre-migration
    of ``to_module``): the records stay, and so does what points to them (a group's users, rights, rules, menus).

    ``names`` is a list of XML id names, kept, or a dict of old name to new name. A user's partner
    (``<name>_res_partner``) follows the user. A name ``to_module`` already has is left alone.
    """
    renames = dict(names) if isinstance(names, dict) else {name: name for name in names}
    renames.update({f"{old}_res_partner": f"{new}_res_partner" for old, new in list(renames.items())})
    moved = 0
    for old, new in renames.items():
        cr.execute(SQL(
            """
            UPDATE ir_model_data
               SET module = %(to_module)s, name = %(new)s
             WHERE module = %(from_module)s AND name = %(old)s
               AND NOT EXISTS (SELECT 1 FROM ir_model_data WHERE module = %(to_module)s AND name = %(new)s)
            """,
            to_module=to_module, new=new, from_module=from_module, old=old,
        ))
        moved += cr.rowcount
    _logger.info("%s: %s records of %s are now %s's", to_module, moved, from_module, to_module)
    return moved


def reset_translations(cr, model, xmlids, field="name"):
    """Forget the translations of the ``field`` of renamed records (``module.name`` XML ids of ``model``):
    the owning module's translations, loaded after the upgrade, fill them in again."""
    for xmlid in xmlids:
        module, name = xmlid.split(".")
        cr.execute(SQL(
            """
            UPDATE %(table)s t
               SET %(field)s = jsonb_build_object('en_US', t.%(field)s->>'en_US')
              FROM ir_model_data d
             WHERE d.module = %(module)s AND d.name = %(name)s AND d.model = %(model)s AND d.res_id = t.id
            """,
            table=SQL.identifier(model.replace(".", "_")), field=SQL.identifier(field),
            module=module, name=name, model=model,
        ))


def install_with_upgrade(cr, module, when_installed):
    """Install ``module`` in this same upgrade when the modules ``when_installed`` are there: a module split
    off, or the bridge of two addons, takes over what they declared before."""
    cr.execute(SQL(
        """
        UPDATE ir_module_module SET state = 'to install'
         WHERE name = %(module)s AND state = 'uninstalled'
           AND (SELECT count(*) FROM ir_module_module
                 WHERE name IN %(needed)s AND state IN ('installed', 'to upgrade')) = %(count)s
        """,
        module=module, needed=tuple(when_installed), count=len(when_installed),
    ))
    return cr.rowcount
