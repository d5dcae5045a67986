"""pytest settings of the after-sales test suite (bin/test runs it with pytest-odoo and pytest-xdist)."""
import contextlib
import os
import shutil

import pytest_odoo

import odoo


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
