"""Language of the screens: no technical name where a record is named, and every term of the after-sales
addons in its addon's template (.pot) and translated in its zh_CN.po."""

import os
import re
from collections import defaultdict

import polib
from lxml import etree

from odoo.models import BaseModel
from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

# What Odoo shows for a record without a name: "aftersales.quality.check,37".
TECHNICAL_NAME = re.compile(r"^[a-z_.]+,\d+$")


def installed_aftersales_modules(env):
    return env["ir.module.module"].search(
        [("name", "=like", "aftersales\\_%"), ("state", "=", "installed")], order="name"
    ).mapped("name")


@tagged("post_install", "-at_install")
class TestRecordNames(TransactionCase):
    def test_every_model_names_its_records(self):
        """Breadcrumbs, chatter and many2one fields name a record by its display name: each model first
        defined by an after-sales addon has one (a name field, a _rec_name or its own _compute_display_name),
        and the records there are (demo data) never show the technical "model,id"."""
        models = [
            model for name, model in self.env.registry.items()
            if model._original_module.startswith("aftersales_") and not model._abstract and not model._transient
        ]
        self.assertGreater(len(models), 40)
        nameless, technical = [], []
        for model_class in models:
            model = self.env[model_class._name]
            if not model._rec_name and model_class._compute_display_name is BaseModel._compute_display_name:
                nameless.append(model._name)
            for record in model.search([], limit=20, order="id desc"):
                if not record.display_name or TECHNICAL_NAME.match(record.display_name):
                    technical.append(f"{model._name} {record.id}: {record.display_name!r}")
        self.assertFalse(nameless, "models without a name for their records")
        self.assertFalse(technical, "records named by their technical name, or not at all")


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """One export of the installed after-sales addons with Odoo's own exporter, compared with each addon's
    committed i18n/<addon>.pot (regenerated from a database without demo data) and i18n/zh_CN.po."""

    @staticmethod
    def _demo_xmlids(env, modules):
        """The external ids of the demo records: their texts are demo data, not terms of the addon."""
        xmlids = set()
        for module in modules:
            module_path = get_module_path(module)
            for demo_file in get_manifest(module).get("demo", []):
                if not demo_file.endswith(".xml"):
                    continue
                for node in etree.parse(os.path.join(module_path, demo_file)).iter("record", "template"):
                    if not node.get("id"):
                        continue
                    xmlid = node.get("id") if "." in node.get("id") else f"{module}.{node.get('id')}"
                    xmlids.add(xmlid)
                    # A product variant's template, a user's partner: named after the record, "_<table>" added.
                    parents = env.registry[node.get("model")]._inherits if node.get("model") in env.registry else {}
                    xmlids.update(f"{xmlid}_{parent.replace('.', '_')}" for parent in parents)
        return xmlids

    def test_every_term_is_in_the_template_and_translated(self):
        modules = installed_aftersales_modules(self.env)
        demo_xmlids = self._demo_xmlids(self.env, modules)
        terms = defaultdict(set)
        for module, term_type, _name, res_id, source, _value, _comments in TranslationModuleReader(
            self.env.cr, modules=modules
        ):
            if term_type in ("model", "model_terms") and res_id in demo_xmlids:
                continue
            terms[module].add(source)
        self.assertTrue(terms["aftersales_reception"], "the export found the reception's terms")

        untranslated, not_in_template = {}, {}
        for module in modules:
            i18n_path = os.path.join(get_module_path(module), "i18n")
            template_path = os.path.join(i18n_path, f"{module}.pot")
            template = set()
            if os.path.exists(template_path):
                template = {entry.msgid for entry in polib.pofile(template_path) if not entry.obsolete}
            po_path = os.path.join(i18n_path, "zh_CN.po")
            translated = {}
            if os.path.exists(po_path):
                translated = {
                    entry.msgid: entry.msgstr for entry in polib.pofile(po_path)
                    if not entry.obsolete and "fuzzy" not in entry.flags
                }
            if missing := sorted(term for term in terms[module] if not translated.get(term, "").strip()):
                untranslated[module] = missing
            if missing := sorted(terms[module] - template):
                not_in_template[module] = missing

        report = []
        for title, found in (("not translated in i18n/zh_CN.po", untranslated),
                             ("missing from the committed i18n/<addon>.pot", not_in_template)):
            for module, missing in found.items():
                report.append(f"{module}: {len(missing)} term(s) {title}:")
                report.extend(f"    {term!r}" for term in missing)
        if report:
            self.fail("\n".join(report))
