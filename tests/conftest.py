from __future__ import annotations

import os

import pytest

# eura-lint speaks the locale's language by default: the suite expects English, whatever the
# locale of the machine it runs on (the tests of Finnish output ask for it themselves)
os.environ["LC_ALL"] = "C.UTF-8"


@pytest.fixture(scope="session")
def catalogue():
    from eura_lint.kinds import load_catalogue

    return load_catalogue()
