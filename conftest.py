"""pytest settings of the after-sales test suite (bin/test runs it with pytest-odoo and pytest-xdist)."""
import contextlib
import os
import shutil

import pytest
import pytest_odoo

import odoo
import odoo.tests.common


@contextlib.contextmanager
def _own_filestore(original_db_name, db_name):
    """Each pytest-xdist process works on its own copy of the database and of its filestore.

    pytest-odoo shares the original filestore between the processes, but Odoo's file garbage collector keeps
    its list of files to check in the filestore: one process would delete the files (asset bundles, reports)
    that another has just written and its own database does not know.
    """
    if original_db_name == db_name:
        yield
        return
    source, target = odoo.tools.config.filestore(original_db_name), odoo.tools.config.filestore(db_name)
    shutil.rmtree(target, ignore_errors=True)
    if os.path.isdir(source):
        shutil.copytree(source, target)
    try:
        yield
    finally:
        shutil.rmtree(target, ignore_errors=True)


pytest_odoo._shared_filestore = _own_filestore


@pytest.fixture(scope="session", autouse=True)
def pregenerated_assets(request, load_registry):
    """Generate and commit the web client's asset bundles before the first browser tour, as Odoo's own test
    runner does before its HTTP tests.

    Otherwise each tour's first page builds the bundles inside the test's transaction (rolled back after the
    test, so every tour builds them again) while holding the test cursor's lock: on a busy machine that takes
    longer than the 20 seconds the page's other requests wait for the lock, and they answer an HTML error page
    where the web client expects JSON ("Unexpected token '<', "<!doctype "... is not valid JSON").
    """
    if request.config.getoption("--odoo-http"):
        registry = odoo.modules.registry.Registry(odoo.tests.common.get_db_name())
        with registry.cursor() as cr:
            odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.qweb"]._pregenerate_assets_bundles()
    yield
