"""Errors a user can cause, each with a one-line message that never quotes input data.

>>> str(InputError("no such file", "a.csv"))
'a.csv: no such file'
"""
from __future__ import annotations


class InputError(Exception):
    """An input that cannot be opened or read at all; the message names the path, never content."""

    def __init__(self, reason: str, path: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        self.path = path
