"""Which files a run lints: folders searched for descriptions, as ruff and black search them.

A folder is walked recursively for files whose extension is in :data:`LINTABLE_EXTENSIONS`,
matched without regard to case (``UPPER.TXT`` is a description too). Skipped on the way:

* the default excludes (:data:`DEFAULT_EXCLUDES`: version-control folders, virtual environments,
  ``node_modules``, build and cache folders), and any folder holding a ``pyvenv.cfg``, which is a
  virtual environment whatever its name; ``--exclude`` / ``exclude:`` replace the defaults,
  ``--extend-exclude`` / ``extend-exclude:`` add to them;
* what ``.gitignore`` files ignore: those of the folders walked, and of the folders above the one
  given up to the repository's root (the folder with ``.git``), each read with the ``pathspec``
  library as git reads it (the deepest file's decision wins, as in git). A folder named on the
  command line is searched even when git ignores it (as ripgrep and ruff do): only what lies
  inside it is judged.

Exclude patterns are gitignore patterns too: ``legacy`` matches a file or folder of that name at
any depth, ``drafts/*.txt`` a path relative to the project root (the configuration file's folder,
else the working directory). A file named on the command line is always linted, whatever its
name or extension: the user asked for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from ..i18n import table
from .inputs import InputError, read_head, read_regular
from .project_list import TABLE_EXTENSIONS

# The extensions a folder is searched for, lower case: descriptions, and project lists (CSV,
# TSV and the workbooks XLSX, XLSB, XLS, ODS; see eura_lint.readers.project_list)
LINTABLE_EXTENSIONS: tuple[str, ...] = (".txt", *TABLE_EXTENSIONS)

DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".svn", ".jj", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pytest_cache", ".ruff_cache", ".tox", ".venv", "venv",
    ".hypothesis", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist",
    "node_modules", "site-packages", "*.egg-info",
)


# A .gitignore is read whole up to this size (a generated one of a large tree can pass 1 MiB);
# a larger one is an error naming it, never passed over: its patterns may keep files private.
GITIGNORE_MAX = 64 * 1024 * 1024  # bytes


class SelectionError(Exception):
    """A .gitignore that cannot be read, or a pattern that is none; the message says which."""


def _gitignore_spec() -> Any:
    """pathspec's ``GitIgnoreSpec``, imported when the first patterns are read: a run given
    files only reads none, and the import (with the modules it brings) cost about 52 M
    instructions of the command's start-up (callgrind), 2 % of linting one description."""
    import pathspec

    return pathspec.GitIgnoreSpec


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` is no gitignore pattern (one backslash, say), or None."""
    try:
        _gitignore_spec().from_lines([pattern]).match_file("a/b.txt")
    except Exception as exc:  # pathspec raises its own errors and re.error
        return f"{pattern!r} is not a valid pattern ({exc})"
    return None


class Patterns:
    """gitignore patterns, read by ``pathspec`` as git reads them, and matched the fast way, as a
    search over a large corpus asks about every file: when no pattern re-includes (``!``), the
    patterns without a slash are one regular expression tried on the entry's name, the others
    one tried on its path; else pattern by pattern, the last match deciding, as in git."""

    def __init__(self, lines: Iterable[str]) -> None:
        lines = list(lines)
        try:
            self.spec = _gitignore_spec().from_lines(lines)
        except Exception:  # name the first pattern that is none
            problem = next(filter(None, map(pattern_problem, lines)), "an invalid pattern")
            raise SelectionError(problem) from None
        self._compile()

    @classmethod
    def of(cls, patterns: Sequence) -> Patterns:
        made = cls(())
        made.spec = _gitignore_spec()(list(patterns))
        made._compile()
        return made

    def _compile(self) -> None:
        active = [p for p in self.spec.patterns if p.include is not None]
        self.empty = not active
        self.fast = bool(active) and all(p.include for p in active)
        self.names = self.paths = None
        if self.fast:
            # A pattern with no slash (but a trailing one) matches a name at any depth: as the
            # walk never enters an ignored folder, the entry's own name is all it needs to see,
            # which spares the expression the folders of a long path.
            floating, anchored = [], []
            for pattern in active:
                text = _group_free(pattern.regex.pattern)
                if "/" not in str(pattern.pattern).rstrip("/") and text.startswith(_ANY_FOLDER):
                    floating.append("^" + text[len(_ANY_FOLDER):])
                else:
                    anchored.append(text)
            self.names, self.paths = _one(floating), _one(anchored)

    def decision(self, relative: str) -> bool | None:
        """True (ignored), False (re-included by a ``!`` pattern) or None (no pattern matches).
        Folders are asked with a trailing ``/``, and only after their parent folders (the walk's
        order)."""
        if self.empty:
            return None
        if self.fast:
            if self.names is not None:
                name = relative[relative.rfind("/", 0, len(relative) - 1) + 1:]
                if self.names.match(name):
                    return True
            return True if self.paths is not None and self.paths.match(relative) else None
        decision = None
        for pattern in self.spec.patterns:
            if pattern.include is not None and pattern.match_file(relative) is not None:
                decision = pattern.include
        return decision

    def without_matching(self, folders: Sequence[str]) -> Patterns:
        """These patterns less those that match any of ``folders`` (``a/``, ``a/b/``)."""
        return Patterns.of([pattern for pattern in self.spec.patterns if pattern.include is None
                            or not any(pattern.match_file(f) is not None for f in folders)])


_ANY_FOLDER = "^(?:.+/)?"  # how pathspec begins the expression of a pattern without a slash


def _group_free(expression: str) -> str:
    """pathspec names a group in each pattern; joined in one expression the names would clash."""
    return re.sub(r"\(\?P<\w+>", "(?:", expression)


def _one(expressions: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{e})" for e in expressions)) if expressions else None


def _prefix(folder: str, anchor: str) -> str | None:
    """``folder`` relative to ``anchor`` as a prefix for names (``""``, ``"a/b/"``), or None
    when it is not inside it; both absolute."""
    if folder == anchor:
        return ""
    if folder.startswith(anchor.rstrip(os.sep) + os.sep):
        return folder[len(anchor.rstrip(os.sep)) + 1:].replace(os.sep, "/") + "/"
    return None


@dataclass
class FileSelection:
    """The settings of one search: exclude patterns, the project root they are relative to, and
    whether ``.gitignore`` files count."""

    exclude: Sequence[str] = DEFAULT_EXCLUDES
    extend_exclude: Sequence[str] = ()
    root: Path = field(default_factory=Path.cwd)
    respect_gitignore: bool = True
    extensions: tuple[str, ...] = LINTABLE_EXTENSIONS

    def __post_init__(self) -> None:
        self.root = Path(os.path.abspath(self.root))
        self._gitignores: dict[str, Patterns | None] = {}
        if tuple(self.exclude) != DEFAULT_EXCLUDES or self.extend_exclude:
            self._excluded  # noqa: B018  (patterns given that are none refused now, not at a walk)

    @cached_property
    def _excluded(self) -> Patterns:
        # the default excludes read at the first folder walked: a run given files walks none
        return Patterns([*self.exclude, *self.extend_exclude])

    def _gitignore(self, folder: str) -> Patterns | None:
        if folder not in self._gitignores:
            patterns = None
            path = os.path.join(folder, ".gitignore")
            try:
                # (a regular file only, of sane size: a FIFO named .gitignore must not hang a run)
                data = read_regular(path, GITIGNORE_MAX, None)
                patterns = Patterns(data.decode("utf-8", "replace").splitlines())
            except SelectionError as exc:
                raise SelectionError(f"{path}: {exc}") from None
            except (FileNotFoundError, NotADirectoryError):
                pass
            except InputError as exc:
                raise SelectionError(f"{path}: cannot be read: {exc} (its patterns decide which "
                                     f"files are linted)") from None
            except OSError as exc:
                raise SelectionError(f"{path}: cannot be read: {exc.strerror or exc} (its "
                                     f"patterns decide which files are linted)") from None
            self._gitignores[folder] = patterns
        return self._gitignores[folder]

    def gitignore_folders(self, start: Path) -> list[Path]:
        """The folders whose ``.gitignore`` applies inside ``start``: it and those above it, up to
        the repository's root; only ``start`` when it is not in a git repository."""
        folders = []
        for folder in (start, *start.parents):
            folders.append(folder)
            if (folder / ".git").exists():
                return folders[::-1]  # shallowest first: the deeper a file, the later it decides
        return [start]  # not in a repository: a stray .gitignore higher up does not apply

    def specs_above(self, base: Path) -> list[tuple[str, Patterns]]:
        """The ``.gitignore`` files at and above the folder given, less their patterns that
        ignore that folder itself (or a folder between): a folder named on the command line is
        searched, as ripgrep and ruff search it, even when git ignores it."""
        specs = []
        for folder in self.gitignore_folders(base):
            patterns = self._gitignore(str(folder))
            if patterns is None:
                continue
            if folder != base:
                parts = base.relative_to(folder).parts
                patterns = patterns.without_matching(
                    ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)])
            specs.append((str(folder), patterns))
        return specs

    def lintable(self, name: str) -> bool:
        return name.lower().endswith(self.extensions)

    def walk(self, given: str) -> list[str]:
        """The lintable files under the folder ``given``, folder by folder in sorted order, as
        paths that start with ``given``; folders that cannot be listed are returned as paths
        too, so that they are reported as unreadable rather than skipped in silence."""
        base = os.path.abspath(given)
        root = str(self.root)
        above = self.specs_above(Path(base)) if self.respect_gitignore else []
        below: dict[str, list[tuple[str, Patterns]]] = {base: above}  # folder -> its specs
        found: list[str] = []
        unlisted: list[OSError] = []
        for folder, dirs, names in _walk(given, unlisted.append):
            absolute = os.path.abspath(folder)
            specs = below.pop(absolute, above)
            if self.respect_gitignore and absolute != base:
                own = self._gitignore(absolute)
                if own is not None:
                    specs = [*specs, (absolute, own)]
            # where exclude patterns are anchored: the project root, else the folder given
            prefix = _prefix(absolute, root)
            if prefix is None:
                prefix = _prefix(absolute, base) or ""
            # each .gitignore's folder, as a prefix for the names here
            anchored = [(_prefix(absolute, spec_folder) or "", patterns)
                        for spec_folder, patterns in specs]
            kept = []
            for name in sorted(dirs):
                if (self._excluded.decision(f"{prefix}{name}/")
                        or os.path.isfile(os.path.join(folder, name, "pyvenv.cfg"))
                        or _ignored(anchored, f"{name}/")):
                    continue
                kept.append(name)
                below[os.path.join(absolute, name)] = specs
            dirs[:] = kept
            for name in sorted(names):
                if (self.lintable(name) and not self._excluded.decision(prefix + name)
                        and not _ignored(anchored, name)):
                    found.append(os.path.join(folder, name))
        found += [error.filename for error in unlisted if error.filename]
        return sorted(found, key=lambda p: p.split(os.sep))


def _walk(top: str, onerror: Callable[[OSError], object]
          ) -> Iterator[tuple[str, list[str], list[str]]]:
    """As ``os.walk(top)`` (top down; the caller may prune ``dirs``; symbolic links to folders
    listed but not followed), with a stack of its own: os.walk of this Python recurses once a
    level, and a tree 1,200 folders deep would end in RecursionError."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            onerror(exc)
            continue
        dirs, names = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(entry.name)
        yield folder, dirs, names
        for name in reversed(dirs):  # the first folder listed is walked first, as os.walk does
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                stack.append(path)


def _ignored(anchored: Sequence[tuple[str, Patterns]], name: str) -> bool:
    """Whether git ignores ``name`` of the folder at hand: the deepest .gitignore that has a
    say decides."""
    ignored = False
    for prefix, patterns in anchored:
        decision = patterns.decision(prefix + name)
        if decision is not None:
            ignored = decision
    return ignored


class Found(NamedTuple):
    files: list[str]  # in the order given, each folder's files sorted folder by folder
    missing: list[str]  # paths given that do not exist
    empty: list[str] = []  # folders given that hold nothing to lint
    reports: list[tuple[str, str]] = []  # (path, format): this linter's reports found in folders
    # (find_files(..., later=True)) the descriptions found in folders, whose first bytes are read
    # when they are linted to tell this linter's reports apart (engine.run's ``unsure``)
    unsure: frozenset[str] = frozenset()
    # each folder given, with every file its search found (reports too), in order
    searched: list[tuple[str, list[str]]] = []

    def with_reports(self, found: Sequence[tuple[str, str]]) -> Found:
        """This search with ``found``, the reports found among ``unsure`` as they were read, set
        apart as the search sets apart those it reads itself: out of ``files``, in ``reports``
        in the search's order, and a folder given that held nothing else ``empty``."""
        if not found:
            return self
        deferred = dict(found)
        kinds = {**dict(self.reports), **deferred}
        reports = [(path, kinds[path]) for _, walked in self.searched for path in walked
                   if path in kinds]
        empty = {given for given, walked in self.searched if all(p in kinds for p in walked)}
        # (``unsure`` holds no file also named on the command line: such is never set apart)
        return self._replace(files=[path for path in self.files if path not in deferred],
                             empty=[given for given in self._given() if given in empty],
                             reports=reports, unsure=frozenset())

    def _given(self) -> list[str]:
        return [given for given, _ in self.searched]


# The first bytes of this linter's own reports (-o csv:findings.csv and the like), by format: a
# report saved in a linted folder is not a project list or a description
REPORT_HEAD = 2048
_GITHUB_FINDING = re.compile(r"^::(?:error|warning|notice) file=[^\n]*,line=\d+")
# colour codes of a text report printed with --color and saved by redirecting the terminal
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@cache
def _text_report() -> tuple[re.Pattern[str], re.Pattern[str], bool]:
    """The text report's finding line and summary line, in every language the report is written
    in: the words are the message table's (``severity.*``, ``summary.*``), so that a report of a
    new language is known as one too; and whether every summary is one line."""
    severities = sorted({word for key in ("severity.error", "severity.warning", "severity.info")
                         for word in table()[key].values()})
    # (the text report puts the project's code, when there is one, before the rule)
    finding = re.compile(r"[^\n]+:\d+:\d+: (?:\S+ )?EURA\d{3} \[(?:"
                         + "|".join(map(re.escape, severities)) + r")\] ")
    summaries = []
    one_line = True
    for key in ("summary.clean", "summary.found"):
        for template in table()[key].values():
            one_line = one_line and "\n" not in template
            # each placeholder is a count ("5 files", "6 varoitusta", "6 warnings, 1 info")
            parts = re.split(r"\{\w+\}", template)
            summaries.append(r"\d[^\n]*?".join(map(re.escape, parts)))
    summary = re.compile(r"(?:" + "|".join(summaries) + r")(?: [^\n]*)?")
    return finding, summary, one_line


# What a report's text starts with, after blank space: the CSV header's "path", JSON's "[",
# SARIF's "{", JUnit's and HTML's "<", GitHub's "::"
_REPORT_STARTS = ("p", "[", "{", "<", ":")


def report_format(head: bytes) -> str | None:
    """Which of this linter's report formats ``head`` (a file's first bytes) starts like: ``csv``
    (its header row), ``json``, ``sarif``, ``junit``, ``html``, ``github``, ``text`` (a finding
    line, or a report that is its summary line alone: "No problems in 5 files."); None for
    anything else."""
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    start = text.lstrip()
    finding, summary, one_line = _text_report()
    # Every file of a folder is asked, and nearly none is a report: one that neither starts as
    # a report of a structured format does, nor has a rule id on its first line (a text
    # report's finding), nor is one line alone (a text report's summary) is none, which the
    # tests below would each conclude more slowly.
    end = text.find("\n")
    if (start[:1] not in _REPORT_STARTS and text.find("EURA", 0, end) < 0
            and one_line and "\n" in start.strip()):
        return None
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.startswith("path,line,column,rule,name,severity,message,suggestion"):
        return "csv"
    if start.startswith("[") and (start[1:].strip() == "]"  # no findings
                                  or '"rule": "EURA' in text and '"severity": ' in text):
        return "json"
    if start.startswith("{") and '"$schema"' in text and "sarif" in text:
        return "sarif"
    if start.startswith("<?xml") and "<testsuites" in text:
        return "junit"
    if start[:15].lower() == "<!doctype html>" and "eura-lint" in text.lower():
        return "html"
    if _GITHUB_FINDING.match(start):
        return "github"
    if finding.match(text):
        return "text"
    # a report without findings is its summary line alone (the baseline's counts after it, when
    # there was one): a description or a list that merely begins with these words is still read
    if summary.fullmatch(start.strip()):
        return "text"
    return None


def own_report(path: str) -> str | None:
    """The report format of the file at ``path`` when it is one of this linter's reports."""
    try:
        # (os.read of the first bytes: a buffered file object costs more than the read itself)
        head = read_head(path, REPORT_HEAD)
    except (InputError, OSError):
        return None
    return report_format(head)


# the lintable extensions a report of this linter may be saved with (it writes no workbook)
_REPORT_EXTENSIONS = (".csv", ".tsv", ".txt")


def find_files(paths: Sequence[str], selection: FileSelection | None = None,
               later: bool = False) -> Found:
    """Files as given (always linted, whatever their name); folders searched for descriptions
    and lists, less this linter's own reports found there (recognised by their first bytes);
    paths that do not exist, and folders that hold nothing to lint, set apart, so that the
    caller can say so instead of linting nothing. With ``later``, the descriptions found in
    folders are not opened here: they are in ``unsure``, for the process that reads them to
    tell the reports among them (every one would otherwise be opened twice, once here, before
    any is linted), and :meth:`Found.with_reports` sets those apart afterwards."""
    selection = selection or FileSelection()
    found = Found([], [], [], [], frozenset(), [])
    unsure: set[str] = set()
    # a file named on the command line is linted even when a folder given holds it too: the
    # search reads it itself, so that the run never takes both for a report
    named = ({path for path in paths if not os.path.isdir(path) and os.path.lexists(path)}
             if later else set())
    for given in paths:
        if os.path.isdir(given):
            files = []
            walked = selection.walk(given)
            for path in walked:
                lower = path.lower()
                if later and not lower.endswith(TABLE_EXTENSIONS) and path not in named:
                    unsure.add(path)
                    files.append(path)
                    continue
                kind = own_report(path) if lower.endswith(_REPORT_EXTENSIONS) else None
                if kind is None:
                    files.append(path)
                else:
                    found.reports.append((path, kind))
            found.files.extend(files)
            found.searched.append((given, walked))
            if not files:
                found.empty.append(given)
        elif os.path.lexists(given):
            found.files.append(given)
        else:
            found.missing.append(given)
    return found._replace(unsure=frozenset(unsure)) if unsure else found


def expand_paths(paths: Sequence[str], selection: FileSelection | None = None) -> list[str]:
    """As :func:`find_files`, for the library API: a path that does not exist is an error."""
    found = find_files(paths, selection)
    if found.missing:
        raise FileNotFoundError(f"no such file or directory: {', '.join(found.missing)}")
    return found.files
