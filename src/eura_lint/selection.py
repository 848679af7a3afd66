"""Which files a run lints: folders searched for descriptions, as ruff and black search them.

A folder is walked recursively for files whose extension is in :data:`LINTABLE_EXTENSIONS`,
matched without regard to case (``UPPER.TXT`` is a description too). Skipped on the way:

* the default excludes (:data:`DEFAULT_EXCLUDES`: version-control folders, virtual environments,
  ``node_modules``, build and cache folders), and any folder holding a ``pyvenv.cfg``, which is a
  virtual environment whatever its name; ``--exclude`` / ``exclude:`` replace the defaults,
  ``--extend-exclude`` / ``extend-exclude:`` add to them;
* what ``.gitignore`` files ignore: those of the folders walked, and of the folders above the one
  given up to the repository's root (the folder with ``.git``), each read with the ``pathspec``
  library as git reads it (the deepest file's decision wins, as in git).

Exclude patterns are gitignore patterns too: ``legacy`` matches a file or folder of that name at
any depth, ``drafts/*.txt`` a path relative to the project root (the configuration file's folder,
else the working directory). A file named on the command line is always linted, whatever its
name or extension: the user asked for it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pathspec

# The extensions a folder is searched for, lower case; issue 10's tables add theirs here.
LINTABLE_EXTENSIONS: tuple[str, ...] = (".txt",)

DEFAULT_EXCLUDES: tuple[str, ...] = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".svn", ".jj", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pytest_cache", ".ruff_cache", ".tox", ".venv", "venv",
    ".hypothesis", "__pycache__", "__pypackages__", "_build", "buck-out", "build", "dist",
    "node_modules", "site-packages", "*.egg-info",
)


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _decision(spec: pathspec.PathSpec, relative: str) -> bool | None:
    """True (ignored), False (re-included by a ``!`` pattern) or None (no pattern matches);
    within one file the last matching pattern decides, as in git."""
    decision = None
    for pattern in spec.patterns:
        if pattern.include is None:
            continue
        if pattern.match_file(relative) is not None:
            decision = pattern.include
    return decision


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
        self._excluded = _spec([*self.exclude, *self.extend_exclude])
        self._gitignores: dict[Path, pathspec.PathSpec | None] = {}

    # --- excludes -------------------------------------------------------------------------

    def _relative(self, absolute: Path, base: Path) -> str:
        """``absolute`` relative to the project root, or to ``base`` (the folder given) when it
        lies outside the root, with forward slashes."""
        for anchor in (self.root, base):
            try:
                return absolute.relative_to(anchor).as_posix()
            except ValueError:
                continue
        return absolute.name

    def is_excluded(self, absolute: Path, base: Path, is_dir: bool) -> bool:
        relative = self._relative(absolute, base)
        if relative in ("", "."):
            return False
        if is_dir:
            relative += "/"
        return self._excluded.match_file(relative)

    # --- .gitignore -----------------------------------------------------------------------

    def _gitignore(self, folder: Path) -> pathspec.PathSpec | None:
        if folder not in self._gitignores:
            spec = None
            try:
                text = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                pass
            else:
                spec = _spec(text.splitlines())
            self._gitignores[folder] = spec
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

    def is_ignored(self, absolute: Path, is_dir: bool, folders: Sequence[Path]) -> bool:
        ignored = False
        for folder in folders:
            spec = self._gitignore(folder)
            if spec is None:
                continue
            try:
                relative = absolute.relative_to(folder).as_posix()
            except ValueError:
                continue
            decision = _decision(spec, relative + "/" if is_dir else relative)
            if decision is not None:
                ignored = decision
        return ignored

    # --- the walk ---------------------------------------------------------------------------

    def lintable(self, name: str) -> bool:
        return name.lower().endswith(self.extensions)

    def walk(self, given: str) -> list[str]:
        """The lintable files under the folder ``given``, folder by folder in sorted order, as
        paths that start with ``given``; folders that cannot be listed are returned as paths
        too, so that they are reported as unreadable rather than skipped in silence."""
        base = Path(os.path.abspath(given))
        above = self.gitignore_folders(base) if self.respect_gitignore else []
        found: list[str] = []
        unlisted: list[OSError] = []
        for root, dirs, names in os.walk(given, onerror=unlisted.append):
            absolute_root = Path(os.path.abspath(root))
            folders = above + list(_between(base, absolute_root)) if self.respect_gitignore else []
            kept = []
            for name in sorted(dirs):
                path = absolute_root / name
                if (self.is_excluded(path, base, True) or (path / "pyvenv.cfg").is_file()
                        or (self.respect_gitignore and self.is_ignored(path, True, folders))):
                    continue
                kept.append(name)
            dirs[:] = kept
            for name in sorted(names):
                if not self.lintable(name):
                    continue
                path = absolute_root / name
                if self.is_excluded(path, base, False):
                    continue
                if self.respect_gitignore and self.is_ignored(path, False, folders):
                    continue
                found.append(os.path.join(root, name))
        found += [error.filename for error in unlisted if error.filename]
        return sorted(found, key=lambda p: p.split(os.sep))


def _between(base: Path, folder: Path) -> Iterable[Path]:
    """The folders strictly below ``base`` down to ``folder`` itself, shallowest first."""
    if folder == base:
        return []
    parts = folder.relative_to(base).parts
    return [base.joinpath(*parts[:i]) for i in range(1, len(parts) + 1)]


class Found(NamedTuple):
    files: list[str]  # in the order given, each folder's files sorted folder by folder
    missing: list[str]  # paths given that do not exist


def find_files(paths: Sequence[str], selection: FileSelection | None = None) -> Found:
    """Files as given (always linted, whatever their name); folders searched for descriptions;
    paths that do not exist set apart, so that the caller can say so instead of linting nothing."""
    selection = selection or FileSelection()
    found = Found([], [])
    for given in paths:
        if os.path.isdir(given):
            found.files.extend(selection.walk(given))
        elif os.path.lexists(given):
            found.files.append(given)
        else:
            found.missing.append(given)
    return found


def expand_paths(paths: Sequence[str], selection: FileSelection | None = None) -> list[str]:
    """As :func:`find_files`, for the library API: a path that does not exist is an error."""
    found = find_files(paths, selection)
    if found.missing:
        raise FileNotFoundError(f"no such file or directory: {', '.join(found.missing)}")
    return found.files
