from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def catalogue():
    from eura_lint.catalogue import load_catalogue

    return load_catalogue()
