"""The command line against special files, huge input, closed streams and report targets that
must not be written: one finding or one clear error each, no hang, no traceback, no lost report."""

from __future__ import annotations

import json
import os
import stat
import subprocess

import pytest

from eura_lint.reporters.writing import OutputError, write_all
from eura_lint.readers.inputs import InputError, parse_size, read_limited, read_regular

from .helpers import ROOT, run, seed_path

TODAY = ["--today", "2026-11-22"]
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
# FIFOs and devices are linted in a child process: where their handling broke, reading or
# writing one would hang, and only a child can be ended by a timeout.


def findings(result) -> list[tuple[str, str, str]]:
    return [(os.path.basename(r["path"]), r["rule"], r["message"])
            for r in json.loads(result.stdout)]


# -- input -------------------------------------------------------------------------------------

@needs_fifo
def test_a_fifo_in_a_folder_or_named_is_one_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(seed_path("002").read_bytes())
    os.mkfifo(tmp_path / "b.txt")  # nothing will ever write to it: reading it would hang
    result = run(*TODAY, "-f", "json", "--select", "EURA0", str(tmp_path), str(tmp_path / "b.txt"),
                 process=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert findings(result) == [
        ("b.txt", "EURA001", "The file cannot be read: it is a FIFO (named pipe), not a regular file"),
    ] * 2


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_one_finding_and_the_others_are_still_linted(tmp_path):
    (tmp_path / "a.txt").write_bytes(seed_path("000").read_bytes())
    result = run(*TODAY, "-f", "json", "--select", "EURA001,EURA101", "/dev/zero", str(tmp_path),
                 process=True, timeout=60)
    assert result.returncode == 1 and b"internal error" not in result.stderr
    assert [(path, rule) for path, rule, _ in findings(result)] == [
        ("zero", "EURA001"), ("a.txt", "EURA101"), ("a.txt", "EURA101")]
    assert "character device" in findings(result)[0][2]


def test_a_file_over_the_size_limit_is_one_finding_and_is_not_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(5 * 1024 * 1024)  # sparse: 5 MiB of NULs, over the default of 4 MiB
    small = tmp_path / "small.txt"
    small.write_bytes(seed_path("002").read_bytes())
    result = run(*TODAY, "-f", "json", "--select", "EURA0", str(big), str(small))
    assert findings(result) == [("big.txt", "EURA001", "The file cannot be read: it is 5 MiB, "
                                 "over the limit of 4 MiB (configuration key max-file-size)")]
    (tmp_path / ".eura-lint.yaml").write_text("max-file-size: 10 KiB\n", encoding="utf-8")
    result = run(*TODAY, "-f", "json", "--select", "EURA001", str(small), cwd=tmp_path)
    assert findings(result) == [("small.txt", "EURA001", "The file cannot be read: it is 14.5 KiB, "
                                 "over the limit of 10 KiB (configuration key max-file-size)")]


def test_a_file_that_grows_past_the_limit_while_read_is_cut(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    with pytest.raises(InputError, match="over the limit of 99 bytes"):
        read_regular(str(path), limit=99)
    assert read_regular(str(path), limit=100) == b"x" * 100


def test_standard_input_over_the_limit_is_one_finding():
    data = b"x" * (4 * 1024 * 1024 + 1)
    result = run(*TODAY, "-f", "json", "--select", "EURA001", "-", input=data)
    assert findings(result) == [("-", "EURA001", "The file cannot be read: it is more than 4 MiB, "
                                 "over the limit of 4 MiB (configuration key max-file-size)")]


def test_closed_standard_input_is_a_clear_error():
    result = run(*TODAY, "-", process=True, preexec_fn=lambda: os.close(0))
    assert result.returncode == 2
    assert b"standard input is closed" in result.stderr
    assert b"internal error" not in result.stderr and b"Traceback" not in result.stderr


def test_read_limited_stops_one_byte_past_the_limit():
    class Endless:
        read_bytes = 0

        def read(self, size: int) -> bytes:
            self.read_bytes += size
            return b"x" * size

    stream = Endless()
    with pytest.raises(InputError, match="more than 1 KiB"):
        read_limited(stream, 1024)
    assert stream.read_bytes == 1025


@pytest.mark.parametrize(("value", "size"), [(100, 100), ("4 MiB", 4 << 20), ("500KB", 500_000),
                                             ("1.5 kib", 1536), (0, None), (True, None),
                                             ("lots", None), ("1" * 1000, None), (2.5, None)])
def test_sizes_in_the_configuration(value, size):
    assert parse_size(value) == size


# -- reports -----------------------------------------------------------------------------------

@needs_fifo
def test_a_report_onto_a_fifo_or_a_directory_is_refused_and_left_alone(tmp_path):
    fifo = tmp_path / "report.xml"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    for target in (fifo, link, tmp_path):
        result = run(*TODAY, "-o", f"junit:{target}", str(seed_path("002")), process=True,
                     timeout=60)
        assert result.returncode == 2, target
        assert b"reports are written only as regular files" in result.stderr
        assert b"Traceback" not in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.path.islink(link)


def test_a_report_device_target_is_refused_before_anything_is_written():
    # (checked without writing: the check happens before linting; as root, an unchecked write
    # would have replaced the device node with a regular file)
    with pytest.raises(OutputError, match="character device"):
        write_all([("/dev/null", "x")])


def test_a_report_into_a_missing_folder_or_ending_in_a_slash_is_an_error(tmp_path):
    for target, problem in ((tmp_path / "missing" / "r.xml", b"does not exist"),
                            (f"{tmp_path}/r/", b"ends in '/'")):
        result = run(*TODAY, "-o", f"junit:{target}", str(seed_path("002")))
        assert result.returncode == 2 and problem in result.stderr, result.stderr
    assert not (tmp_path / "missing").exists() and not (tmp_path / "r").exists()


def test_reports_are_written_all_or_none(tmp_path):
    ok = tmp_path / "ok.json"
    ok.write_text("previous", encoding="utf-8")
    result = run(*TODAY, "-o", f"json:{ok}", "-o", f"junit:{tmp_path}/bad/dir/r.xml",
                 str(seed_path("002")))
    assert result.returncode == 2 and b"does not exist" in result.stderr
    assert ok.read_text(encoding="utf-8") == "previous"


def test_a_failure_while_writing_leaves_every_target_as_it_was(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.xml"
    first.write_text("old a", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):  # the second report cannot be written
        write_all([(str(first), "new a"), (str(second), "bad \udcff")])
    assert first.read_text(encoding="utf-8") == "old a" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]  # no temporary left
    write_all([(str(first), "new a"), (str(second), "new b")])
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == (
        "new a", "new b")


def test_dash_as_report_target_means_standard_output(tmp_path):
    result = run(*TODAY, "--select", "EURA101", "-o", "json:-", str(seed_path("000")))
    assert [r["rule"] for r in json.loads(result.stdout)] == ["EURA101"] * 2
    assert not (ROOT / "-").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_failed_write_to_standard_output_is_exit_2_with_a_message():
    with open("/dev/full", "wb") as full:
        result = run(*TODAY, str(ROOT / "seeds"), process=True, stdout=full)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "eura-lint: cannot write to standard output: No space left on device")


def test_a_reader_that_closes_the_pipe_at_once_gets_a_quiet_end(tmp_path):
    """``eura-lint ... | head -0``: nothing read at all; the status is the findings' (1)."""
    for number in range(60):
        (tmp_path / f"{number:03}.txt").write_bytes(seed_path("000").read_bytes())
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte
    result = run(*TODAY, "-f", "json", "--jobs", "1", str(tmp_path), process=True,
                 stdout=write_end)
    os.close(write_end)
    assert result.returncode == 1
    assert result.stderr == b""


@needs_fifo
def test_a_fifo_as_gitignore_or_baseline_does_not_hang_the_run(tmp_path):
    (tmp_path / "a.txt").write_bytes(seed_path("002").read_bytes())
    os.mkfifo(tmp_path / ".gitignore")
    result = run(*TODAY, "--no-config", str(tmp_path), process=True, timeout=60)
    # at once, and not in silence: its patterns would have decided which files are linted
    assert result.returncode == 2, result.stderr
    assert b".gitignore: cannot be read: it is a FIFO (named pipe)" in result.stderr
    os.unlink(tmp_path / ".gitignore")
    os.mkfifo(tmp_path / "base.json")
    result = run(*TODAY, "--no-config", "--baseline", str(tmp_path / "base.json"), str(tmp_path),
                 process=True, timeout=60)
    assert result.returncode == 2
    assert b"it is a FIFO (named pipe), not a regular file" in result.stderr


# -- a report onto an input, a closed standard output --------------------------------------------

LIST = ROOT / "tests" / "data" / "eura2014_projektilista_osdata_2016.csv"


def _refused(result, target) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.decode().splitlines()
    assert lines == [f"eura-lint: {target} is a file being linted: the report would replace it "
                     "(nothing written)"], lines


def test_a_report_onto_a_linted_list_is_refused_and_the_list_kept(tmp_path):
    data = LIST.read_bytes()
    (tmp_path / "l.csv").write_bytes(data)
    target = tmp_path / "l.csv"
    result = run("--today", "2016-12-31", str(target), "-o", f"csv:{target}")
    _refused(result, target)
    assert result.stdout == b""  # refused before linting: no report on standard output either
    assert target.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["l.csv"]  # no temporary file left


def test_a_report_or_baseline_onto_a_description_found_in_a_folder_is_refused(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    data = seed_path("000").read_bytes()
    (folder / "000.txt").write_bytes(data)
    (folder / "002.txt").write_bytes(seed_path("002").read_bytes())
    os.symlink(folder / "000.txt", tmp_path / "link.txt")  # another name for the same file
    os.link(folder / "000.txt", tmp_path / "hard.txt")
    for option in (["-o", f"csv:{folder / '000.txt'}"], ["-o", f"json:{tmp_path / 'link.txt'}"],
                   ["-o", "csv:seeds/./000.txt"], ["--write-baseline", str(tmp_path / 'hard.txt')],
                   ["-o", f"json:{tmp_path / 'ok.json'}",
                    "--write-baseline", str(folder / "000.txt")]):
        result = run(*TODAY, "seeds", *option, cwd=tmp_path)
        _refused(result, option[-1].partition(":")[2] if option[-2] == "-o" else option[-1])
        assert (folder / "000.txt").read_bytes() == data
        assert not (tmp_path / "ok.json").exists()
    # a report beside the inputs, not onto one, is still written
    result = run(*TODAY, "seeds", "-o", f"csv:{folder / 'report.csv'}", cwd=tmp_path)
    assert result.returncode == 1 and (folder / "report.csv").exists(), result.stderr


def test_a_report_onto_a_linted_file_is_refused_in_finnish(tmp_path):
    target = tmp_path / "l.csv"
    target.write_bytes(LIST.read_bytes())
    result = run("--lang", "fi", "--today", "2016-12-31", str(target), "-o", f"json:{target}")
    assert result.returncode == 2
    assert result.stderr.decode() == (f"eura-lint: {target} on tarkastettava tiedosto: raportti "
                                      "korvaisi sen (mitään ei kirjoitettu)\n")


@pytest.mark.parametrize("args", [
    [str(LIST)],
    ["--today", "2026-11-22", "-f", "json", str(seed_path("000"))],
    ["--list-rules"],
    ["rule", "EURA001"],
])
def test_a_closed_standard_output_is_exit_2_with_a_message(args):
    """``eura-lint ... >&-``: Python has no sys.stdout at all."""
    result = run(*args, process=True, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "eura-lint: cannot write to standard output: Bad file descriptor\n")
