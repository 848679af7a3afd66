"""The run-wide internal error: what failed, on which file. The command line prints it as one
line and exits 2; nothing is skipped silently."""

from __future__ import annotations


class CheckFailed(Exception):
    """A rule's code (or a step, or the parser) raised instead of judging a file: an internal
    error, reported with what failed and on which file, never a silent pass."""

    def __init__(self, subject: str, path: str, error: BaseException | str) -> None:
        detail = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
        super().__init__(subject, path, detail)
        self.subject, self.path, self.detail = subject, path, detail

    def __str__(self) -> str:
        return f"{self.subject} failed on {self.path}: {self.detail}"
