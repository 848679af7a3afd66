from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest

# eura-lint speaks the locale's language by default: the suite expects English, whatever the
# locale of the machine it runs on (the tests of Finnish output ask for it themselves)
os.environ["LC_ALL"] = "C.UTF-8"
# The package's YAML is cached in the user's cache folder (eura_lint.yaml_cache): the suite, and
# the commands it starts, use a folder of their own, so that neither what a user's cache holds
# nor the suite's runs touch it (removed when the suite ends).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="eura-lint-test-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture(scope="session")
def catalogue():
    from eura_lint.kinds import load_catalogue

    return load_catalogue()
