r"""A sliding window of text over a dump, and the statement-level moves on it:
skip blanks and comments, find the end of a statement, resynchronise.

The window holds about one lookahead of text past the read position, so
memory does not depend on the length of a line or a statement; only a
statement whose text is wanted whole (a CREATE TABLE) may grow it, up to
``MAX_STATEMENT``.

>>> import io, re
>>> b = TextBuffer(io.BytesIO("SET x = ';';\n-- note\nCOPY t FROM stdin;\n".encode()), chunk=4)
>>> statement_end(b, re.compile(statement_pattern(r"'[^']*'", r"--[^\n]*\n", "'"), re.S), keep=True)
"SET x = ';'"
>>> skip_gap(b, re.compile(r"(?:\s+|--[^\n]*\n)*")); b.line(), b.text[b.pos:b.pos + 4]
(3, 'COPY')
"""
from __future__ import annotations

import codecs
import re

CHUNK = 1 << 20
LOOKAHEAD = 1 << 20
MAX_STATEMENT = 8 << 20
RESYNC_KEEP = 256  # longer than any match of a resynchronisation pattern


class TextBuffer:
    """Decoded text of ``stream`` (``.read(n)`` -> UTF-8 bytes) from ``pos`` on, refilled by chunks."""

    def __init__(self, stream, chunk: int = CHUNK, lookahead: int = LOOKAHEAD) -> None:
        self._stream = stream
        self._chunk = chunk
        self._lookahead = lookahead
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._base_line = 0  # newlines before text[0]
        self._dropped = 0  # characters before text[0]
        self._counted = (0, 0)  # (pos, newlines in text before it): line() counts on from there
        self.text = ""
        self.pos = 0
        self.eof = False

    @property
    def offset(self) -> int:
        """Characters of the stream before ``pos``."""
        return self._dropped + self.pos

    @property
    def remaining(self) -> int:
        return len(self.text) - self.pos

    def fill(self, ahead: int = 0) -> bool:
        """Read until ``ahead`` characters (default: the lookahead) follow ``pos``
        or the stream ends; True while text is left. Text before ``pos`` is dropped."""
        ahead = ahead or self._lookahead
        if self.remaining < ahead and not self.eof:
            self._base_line += self.text.count("\n", 0, self.pos)
            self._dropped += self.pos
            parts = [self.text[self.pos :]]
            have = len(parts[0])
            while have < ahead and not self.eof:
                data = self._stream.read(self._chunk)
                self.eof = not data
                parts.append(self._decoder.decode(data, self.eof))
                have += len(parts[-1])
            self.text, self.pos, self._counted = "".join(parts), 0, (0, 0)
        return self.pos < len(self.text)

    def grow(self) -> bool:
        """Read at least one more chunk past what is held; False at the end of the stream."""
        if self.eof:
            return False
        self.fill(self.remaining + self._chunk)
        return True

    def line(self, pos: int | None = None) -> int:
        """1-based line of ``pos`` (default: the read position)."""
        pos = self.pos if pos is None else pos
        # Statements are located in order: count on from the last position asked, not from the window's start.
        start, lines = self._counted if self._counted[0] <= pos else (0, 0)
        lines += self.text.count("\n", start, pos)
        self._counted = (pos, lines)
        return self._base_line + lines + 1

    def skip_past(self, pattern: re.Pattern) -> bool:
        """Move past the next match of ``pattern`` (shorter than RESYNC_KEEP); at the end if none."""
        while True:
            m = pattern.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return True
            self.pos = max(self.pos, len(self.text) - RESYNC_KEEP)
            if not self.grow():
                self.pos = len(self.text)
                return False


def statement_pattern(strings: str, comments: str, openers: str) -> str:
    """Regex of a statement's text up to its ``;``: runs of ordinary text, whole
    strings and comments. It stops at a string or comment (``openers``) that does
    not end inside the window, so that one cut by the window's end is read again whole."""
    return rf"(?:[^;'\"`$/#\[-]+|{strings}|{comments}|(?!{openers}|--|/\*)[^;])*"


def statement_end(buf: TextBuffer, pattern: re.Pattern, keep: bool = False) -> str | None:
    """Move past the statement at ``buf.pos`` and its ``;``; return its text when
    ``keep`` (else ""), or None when it has no end (truncated, unbalanced quote, too long)."""
    while True:
        end = pattern.match(buf.text, buf.pos).end()
        if end < len(buf.text) and buf.text[end] == ";":
            text = buf.text[buf.pos : end] if keep else ""
            buf.pos = end + 1
            return text
        if buf.remaining >= MAX_STATEMENT or not buf.grow():
            return None


def skip_gap(buf: TextBuffer, gap: re.Pattern) -> None:
    """Move past blanks, comments and empty statements."""
    while buf.fill():
        end = gap.match(buf.text, buf.pos).end()
        if end < len(buf.text) or buf.eof:
            buf.pos = end
            return
        # The gap reaches the window's end, perhaps inside a comment: keep its last line.
        line_start = buf.text.rfind("\n", buf.pos, end) + 1
        if line_start > buf.pos:
            buf.pos = line_start
        else:
            buf.grow()
