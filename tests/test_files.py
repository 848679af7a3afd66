"""Reports are written atomically: whole or not at all, through links, keeping the file's mode."""

from __future__ import annotations

import os

import pytest

from eura_lint.reporters.writing import write_atomic


def test_writes_utf8_and_replaces_the_previous_report(tmp_path):
    target = tmp_path / "report.xml"
    write_atomic(target, "first")
    write_atomic(target, "Hämeenlinna\r\n")
    assert target.read_bytes() == "Hämeenlinna\r\n".encode("utf-8")  # line endings kept as given
    assert [p.name for p in target.parent.iterdir()] == ["report.xml"]  # no temporary left


def test_writes_through_a_symlink_and_keeps_the_mode(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_failed_write_leaves_the_previous_report(tmp_path):
    target = tmp_path / "report.txt"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "bad \udcff surrogate")
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]
