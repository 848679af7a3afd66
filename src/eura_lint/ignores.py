"""Per-file ignores, as ruff and flake8 have them: ``{"legacy/**": ["EURA1", "invalid-email"]}``.

A glob is a gitignore pattern matched against the document's path relative to the project root
(the configuration file's folder), or as given when the document lies outside it; a pattern
without a slash (``*_draft.txt``) matches a file name in any folder. The rules are ids, id
prefixes or names, as ``ignore:`` takes them. Like every suppression this is a filter after the
rules ran, so the rules themselves stay pure.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from .finding import Finding
from .selector import RuleSelector


class PerFileIgnores:
    def __init__(self, table: Mapping[str, Sequence[str]], root: Path | None = None) -> None:
        # (imported here: a run without per-file ignores reads no pattern, see readers.discovery)
        import pathspec

        self.root = Path(os.path.abspath(root or Path.cwd()))
        self.entries = [(pathspec.GitIgnoreSpec.from_lines([glob]), tuple(patterns))
                        for glob, patterns in table.items()]

    def _relative(self, path: str) -> str:
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return Path(os.path.normpath(path)).as_posix()

    def ignored_rules(self, path: str) -> RuleSelector:
        """The rules ignored in ``path``."""
        relative = self._relative(path)
        return RuleSelector(tuple(pattern for spec, patterns in self.entries
                                  if spec.match_file(relative) for pattern in patterns))

    def filter(self, findings: Sequence[Finding]) -> list[Finding]:
        if not self.entries:
            return list(findings)
        by_path: dict[str, RuleSelector] = {}
        kept = []
        for finding in findings:
            ignored = by_path.get(finding.path)
            if ignored is None:
                ignored = by_path[finding.path] = self.ignored_rules(finding.path)
            if not ignored.matches(finding.rule, finding.name):
                kept.append(finding)
        return kept
