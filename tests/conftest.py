from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def catalogue():
    from eura_lint.kinds import load_rules

    return load_rules()
