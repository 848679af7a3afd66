"""Running the catalogue: read, parse, run the document rules, then the one table validation.

The work per document (reading, decoding, parsing, document rules) yields a small
:class:`DocResult`: its findings and its table row, never its text, so a large corpus costs memory
in proportion to its findings. The per-run work (catalogue, reference data, compiled patterns)
happens once per run, before the first document: ``--jobs`` workers are forked from the process
that did it and inherit it (where processes are spawned instead, each worker repeats it). The
pandera schema is built and validated once, after the last document.
"""

from __future__ import annotations

import gc
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .catalogue import RuleSpec, load_catalogue
from .context import Context
from .decoding import UndecodableError, decode
from .finding import Finding, Severity
from .inputs import MAX_FILE_SIZE, InputError, read_regular
from .kinds import PYTHON_KIND, document_check, is_table_rule
from .model import Document
from .parser import parse
from .table import Row, prepare_table, row_of, validate


@dataclass(frozen=True, slots=True)
class Selection:
    """Which rules run: ``select``/``ignore`` entries are ids, id prefixes (``EURA2``) or names."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _hits(rule: RuleSpec, patterns: Iterable[str]) -> bool:
        return any(rule.id.startswith(p.upper()) or rule.name == p.lower() for p in patterns)

    def __call__(self, rule: RuleSpec) -> bool:
        if self.select and not self._hits(rule, self.select):
            return False
        return not self._hits(rule, self.ignore)


class DocResult(NamedTuple):
    """What a worker sends back for one file (a named tuple: it unpickles through one constructor
    call, where a slotted dataclass sets its fields one by one in Python)."""

    path: str
    findings: list[Finding]
    row: Row | None  # None for files that are not descriptions


@dataclass
class Linter:
    """A configured catalogue. Build once per run; :meth:`lint_document` is the per-file path."""

    rules: Mapping[str, RuleSpec]
    context: Context = field(default_factory=Context)

    def __post_init__(self) -> None:
        from .checks import REGISTRY

        self.table_rules = [r for r in self.rules.values() if is_table_rule(r)]
        registered = {rule.id: REGISTRY[rule.params["check"]] for rule in self.rules.values()
                      if rule.kind == PYTHON_KIND}
        # each rule with its function, looked up once per run rather than once per document
        self._document_checks = [(rule, document_check(rule)) for rule in self.rules.values()
                                 if not is_table_rule(rule)]
        self._always_checks = [(rule, check) for rule, check in self._document_checks
                               if rule.id in registered and registered[rule.id].always]
        for prepare in dict.fromkeys(entry.prepare for entry in registered.values()):
            if prepare is not None:
                prepare()

    def lint_document(self, doc: Document) -> DocResult:
        context = self.context
        if not doc.looks_like_description:
            findings = [f for rule, check in self._always_checks
                        for f in check(doc, rule, context)]
            return DocResult(doc.path, findings, None)
        findings = [f for rule, check in self._document_checks
                    for f in check(doc, rule, context)]
        return DocResult(doc.path, findings, row_of(doc))

    def lint_file(self, path: str) -> DocResult:
        return self.lint_document(read_document(path, limit=self.context.max_file_size))

    def finish(self, results: Iterable[DocResult]) -> list[Finding]:
        """Run the table rules over every row at once and return all findings, sorted."""
        findings: list[Finding] = []
        rows = []
        for result in results:
            findings.extend(result.findings)
            if result.row is not None:
                rows.append(result.row)
        findings.extend(validate(rows, self.table_rules))
        findings.sort()
        return findings


def read_document(path: str, data: bytes | None = None, limit: int = MAX_FILE_SIZE) -> Document:
    """Read and parse one file; a file that cannot be read (or is no regular file, or is larger
    than ``limit`` bytes) becomes a Document that says why."""
    if data is None:
        try:
            data = read_regular(path, limit)
        except InputError as exc:
            return Document(path=path, unreadable=str(exc))
        except OSError as exc:
            return Document(path=path, unreadable=exc.strerror or str(exc))
    try:
        decoded = decode(data)
    except UndecodableError as exc:
        return Document(path=path, unreadable=str(exc))
    return parse(decoded.text, path, decoded.encoding)


def expand_paths(paths: Sequence[str]) -> list[str]:
    """Files as given; directories searched recursively for ``*.txt``, sorted for stable output."""
    files: list[str] = []
    for given in paths:
        if os.path.isdir(given):
            unlisted: list[OSError] = []  # folders that cannot be read: reported as unreadable
            found = [os.path.join(root, name)
                     for root, _, names in os.walk(given, onerror=unlisted.append)
                     for name in names if name.endswith(".txt")]
            found += [error.filename for error in unlisted]
            files.extend(sorted(found, key=lambda p: p.split(os.sep)))  # folder by folder
        else:
            files.append(given)
    return files


def build_linter(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    overrides: Mapping[str, Mapping] | None = None,
    context: Context | None = None,
    catalogue: Mapping[str, RuleSpec] | None = None,
) -> Linter:
    """The catalogue with config applied: ``overrides`` maps a rule id to
    ``{"enabled": bool, "severity": Severity | None, "params": dict}``."""
    rules = dict(catalogue or load_catalogue())
    chosen = Selection(tuple(select), tuple(ignore))
    active = {}
    for rule_id, rule in rules.items():
        override = (overrides or {}).get(rule_id, {})
        if override.get("enabled") is False or not chosen(rule):
            continue
        active[rule_id] = rule.with_overrides(override.get("severity"), override.get("params"))
    return Linter(active, context or Context())


_WORKER: Linter | None = None


def _init_worker(linter: Linter) -> None:
    global _WORKER
    _WORKER = linter
    relax_gc()


def relax_gc() -> None:
    """Linting allocates many small containers and frees them all with their document, and a run
    ends holding every finding and table row: the cyclic collector's default of a pass every 700
    allocations, each older pass walking the whole heap, is pure overhead here. Objects alive now
    (catalogue, reference data, imported modules) are moved out of its sight, and the young
    generation is collected less often. :func:`run` relaxes it for its own duration; the command
    line keeps it relaxed through the reports too, as the process ends after them."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def _lint_in_worker(path: str) -> DocResult:
    assert _WORKER is not None
    return _WORKER.lint_file(path)


def run(linter: Linter, files: Sequence[str], jobs: int = 1,
        progress: Callable[[int], None] | None = None,
        extra: Sequence[DocResult] = ()) -> list[Finding]:
    """Lint files, in ``jobs`` processes when that pays; the result does not depend on ``jobs``.
    ``extra`` holds documents already linted in this process (standard input)."""
    thresholds = gc.get_threshold()
    # Objects this call freezes are unfrozen at its end, unless the caller had frozen some itself
    # (the command line does, for its reports): those stay frozen, as the caller left them.
    unfreeze = gc.get_freeze_count() == 0
    relax_gc()  # in this process too: it unpickles and keeps every finding and table row
    try:
        if jobs > 1 and len(files) >= 4 * jobs:
            return _run_pool(linter, files, jobs, progress, extra)
        return linter.finish(itertools.chain(extra, _counted(map(linter.lint_file, files),
                                                             progress)))
    finally:
        gc.set_threshold(*thresholds)
        if unfreeze:
            gc.unfreeze()


def _run_pool(linter: Linter, files: Sequence[str], jobs: int,
              progress: Callable[[int], None] | None, extra: Sequence[DocResult]) -> list[Finding]:
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with multiprocessing.get_context(method).Pool(
        jobs, initializer=_init_worker, initargs=(linter,)
    ) as pool:
        # chunks of up to 128 documents (about 40 ms of work): fewer hand-overs for the parent to
        # unpickle, and still a short wait for the last one
        chunk = max(1, min(128, len(files) // (jobs * 8)))
        results = pool.imap(_lint_in_worker, files, chunksize=chunk)  # in order, whatever jobs
        if linter.table_rules:
            # The table phase needs pandas and pandera (about half a second to import): import
            # them now, while the workers lint, rather than after the last document.
            prepare_table()
        return linter.finish(itertools.chain(extra, _counted(results, progress)))


def _counted(results: Iterable[DocResult], progress: Callable[[int], None] | None
             ) -> Iterator[DocResult]:
    for result in results:
        if progress is not None:
            progress(1)
        yield result


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- the library API -------------------------------------------------------------------------

def lint_text(text: str, path: str = "<text>", *, linter: Linter | None = None) -> list[Finding]:
    """Lint one description given as text. ``linter`` defaults to the full default catalogue."""
    linter = linter or build_linter()
    return linter.finish([linter.lint_document(parse(text, path))])


def lint_bytes(data: bytes, path: str = "<bytes>", *, linter: Linter | None = None) -> list[Finding]:
    linter = linter or build_linter()
    return linter.finish([linter.lint_document(read_document(path, data))])


def lint_paths(paths: Sequence[str], *, linter: Linter | None = None, jobs: int = 1
               ) -> list[Finding]:
    """Lint files and directories (recursing into ``*.txt``)."""
    return run(linter or build_linter(), expand_paths(paths), jobs=jobs)


def worst(findings: Iterable[Finding]) -> Severity | None:
    return max((f.severity for f in findings), default=None)
