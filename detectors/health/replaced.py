"""pyarrow's regex replacement, with the pattern compiled once per process.

``pc.replace_substring_regex`` compiles its pattern at every call, and the
masks of the health categories run to thousands of characters while they
rewrite a few hundred values per batch: compiling was most of their cost.
Here the values a match occurs in are found with ``joined_matches``, and
only those are rewritten, by a port of ``RE2::GlobalReplace`` (what pyarrow
runs for each value) on the pattern ``compiled`` keeps: same matches, same
rule for an empty match where the last one ended, same ``\\1`` rewrites.

>>> replaced(pa.array(["père VIH+, patient VIH-", None]), r"(père) vih\\+?", r"[\\1]").to_pylist()
['[père], patient VIH-', None]
>>> replaced(pa.array(["abxd"]), "x*", "-").to_pylist()  # RE2's empty matches, not Python's
['-a-b-d-']
"""
from __future__ import annotations

import re
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import re2

from .compiled import SHORT, compiled, joined_matches

# RE2's rewrite syntax: \0 to \9 name a group, \\ is a backslash; nothing else may follow one.
_REWRITE = re.compile(r"\\(\d|\\)|\\|[^\\]+")


def replace(values: pa.Array | pa.ChunkedArray, pattern: str, replacement: str) -> pa.Array | pa.ChunkedArray:
    """``values`` with every match of ``pattern`` (case-insensitive) rewritten as
    ``replacement``, the faster way: pyarrow for a short pattern, else ``replaced``.

    >>> replace(pa.array(["VIH", "hiver"]), "vih|sida", "-").to_pylist()
    ['-', 'hiver']
    """
    if len(pattern) < SHORT:
        return per_value(values, pattern, replacement)
    return replaced(values, pattern, replacement)


def per_value(values: pa.Array | pa.ChunkedArray, pattern: str, replacement: str) -> pa.Array | pa.ChunkedArray:
    """pyarrow's answer, compiling ``(?i)`` + ``pattern`` anew.

    >>> per_value(pa.array(["VIH"]), "vih", "-").to_pylist()
    ['-']
    """
    return pc.replace_substring_regex(values, pattern="(?i)" + pattern, replacement=replacement)


def replaced(values: pa.Array | pa.ChunkedArray, pattern: str, replacement: str) -> pa.Array | pa.ChunkedArray:
    """``per_value``'s answer, value for value, from a pattern compiled once per process."""
    rx = compiled(pattern, joined=False)
    pieces = _rewrite(pattern, replacement)
    if (pieces is None or isinstance(values, pa.ChunkedArray)
            or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type))):
        return per_value(values, pattern, replacement)
    hit = np.flatnonzero(joined_matches(values, pattern))
    if hit.size == 0:
        return values
    try:
        rewritten = [_global_replace(rx, text.encode(), pieces).decode() for text in values.take(hit).to_pylist()]
    except UnicodeDecodeError:
        # RE2's \B holds between the bytes of a character: an empty match
        # there cuts it in two, which pyarrow writes as it is.
        return per_value(values, pattern, replacement)
    position = np.arange(len(values))
    position[hit] = len(values) + np.arange(hit.size)
    return pa.concat_arrays([values, pa.array(rewritten, values.type)]).take(position)


@cache
def _rewrite(pattern: str, replacement: str) -> tuple[bytes | int, ...] | None:
    """``replacement`` as literal bytes and group numbers; None where RE2 would reject
    it (a lone backslash, a group ``pattern`` does not have) or cannot compile ``pattern``."""
    rx = compiled(pattern, joined=False)
    if rx is None:
        return None
    groups = rx.groups
    pieces: list[bytes | int] = []
    for token in _REWRITE.finditer(replacement):
        if token.group() == "\\":
            return None
        escaped = token.group(1)
        if escaped is None:
            pieces.append(token.group().encode())
        else:
            pieces.append(b"\\" if escaped == "\\" else int(escaped))
    return None if any(isinstance(p, int) and p > groups for p in pieces) else tuple(pieces)


def _global_replace(rx: re2._Regexp, text: bytes, pieces: tuple[bytes | int, ...]) -> bytes:
    """``RE2::GlobalReplace`` of ``text``: matches left to right, none overlapping,
    and no empty match where the previous match ended (one character is kept instead)."""
    out: list[bytes] = []
    position, last_end, end = 0, -1, len(text)
    while position <= end:
        found = rx.search(text, position)
        if found is None:
            break
        start, stop = found.span()
        out.append(text[position:start])
        if start == stop == last_end:
            step = _char_length(text[position]) if position < end else 1
            out.append(text[position:position + step])
            position += step
            continue
        for piece in pieces:
            out.append(piece if isinstance(piece, bytes) else (found.group(piece) or b""))
        position = last_end = stop
    if last_end < 0:
        return text
    out.append(text[position:])
    return b"".join(out)


def _char_length(lead: int) -> int:
    """Bytes of the UTF-8 character whose first byte is ``lead``."""
    return 1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
