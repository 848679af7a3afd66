"""The committed reference data is exactly what the build script makes from the shared CSVs."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT.parent / "shared" / "reference"
COMMITTED = REPO_ROOT / "src" / "eura_lint" / "data" / "reference.json"

needs_source = pytest.mark.skipif(
    not (SOURCE / "municipalities.csv").is_file(),
    reason=f"shared reference CSVs not found at {SOURCE} (../shared/reference from the repo root)",
)


def _build_module():
    spec = importlib.util.spec_from_file_location("build_reference", REPO_ROOT / "scripts" / "build_reference.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@needs_source
def test_rebuild_is_byte_identical_to_committed_file(tmp_path: Path) -> None:
    output = tmp_path / "reference.json"
    assert _build_module().main([str(SOURCE), "--output", str(output)]) == 0
    assert output.read_bytes() == COMMITTED.read_bytes()


@needs_source
def test_build_is_deterministic() -> None:
    build = _build_module()
    assert build.serialise(build.build(SOURCE)) == build.serialise(build.build(SOURCE))


def test_missing_source_is_an_error(tmp_path: Path) -> None:
    assert _build_module().main([str(tmp_path), "--output", str(tmp_path / "out.json")]) == 2


def test_committed_file_is_small_and_well_formed() -> None:
    raw = COMMITTED.read_bytes()
    assert len(raw) < 400_000
    data = json.loads(raw)
    assert data["years"] == [2013, 2026]
    assert set(data) >= {"municipalities", "subregions", "regions", "ely", "postal_codes", "postal_snapshots"}


@needs_source
def test_an_authority_of_the_2016_list_that_is_no_intermediate_body_fails_the_build() -> None:
    build = _build_module()
    data = build.build(SOURCE)
    rows = [{"Viranomainen": " Lapin liitto"},
            {"Viranomainen": "Pohjois-Pohjanmaan elinkeino-  liikenne- ja ympäristökeskus"},
            {"Viranomainen": "Opetushallitus"}]
    with pytest.raises(SystemExit, match="Opetushallitus"):
        build.check_observed_authorities(rows, data["ely"], data["intermediate_bodies"])
    build.check_observed_authorities(rows[:2], data["ely"], data["intermediate_bodies"])
    assert "Lapin ELY-keskus" in data["other_ely"]
    assert set(data["other_ely"]).isdisjoint(data["ely"])
