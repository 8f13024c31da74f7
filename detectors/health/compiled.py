"""RE2 patterns compiled once per process and searched over many values at once.

pyarrow's ``match_substring_regex`` compiles its pattern anew at every call.
The health patterns run to thousands of characters and are searched a few
thousand times in a scan, so compiling cost more than searching.  Here a
pattern is compiled once per process (forked workers inherit what the parent
compiled, then each fills its own copy of the DFA cache) and searched over
the values joined by ``\\n`` into one text, in multi-line mode so that ``^``
and ``$`` hold at the edges of every value as they do at the ends of a text.
The identifier gate asks the same of its (case-sensitive) prefilters, but
only whether some value holds a match: ``JoinedValues`` stops at the first.

The answers are pyarrow's, value for value.  Multi-line mode only lets ``^``
and ``$`` hold in more places, and a separator looks to ``\\b`` like the end
of a text, so every value with a match of its own holds the start of a match
in the joined text; the search goes on at the next value once a value is
decided.  A match is taken as it stands when it lies within a value free of
``\\n``.  Otherwise (it runs over a separator and may hide a match within its
value, or its value holds ``\\n`` where ``^`` and ``$`` held too) the value
is searched again on its own, as pyarrow would.  A pattern google-re2
cannot compile, or that anchors at the ends of the whole text (``\\A``,
``\\z``) or leaves multi-line mode, is left to pyarrow.

>>> import pyarrow as pa
>>> values = pa.array(["post partum", "c", None, "x\\ny", "", "TPE\\nAES"])
>>> joined_matches(values, r"m\\s*c|^y|c$|^aes").tolist()
[False, True, False, False, False, False]
>>> joined_matches(values, r"tpe\\s+aes").tolist()
[False, False, False, False, False, True]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import re2

# \A and \z anchor at the ends of the joined text, not of each value, and a
# flag group such as (?-m) or (?i-m:...) would switch off the multi-line mode
# that makes ^ and $ see the values' edges.
_WHOLE_TEXT_ANCHORS = re.compile(r"\\[Az]|\(\?[a-zA-Z]*-[a-zA-Z]*m")
# Below this many characters pyarrow compiles a pattern in less time than a
# joined search's fixed costs, and a pattern that hits most values
# (``[a-zà-ÿ]``) takes a search per value here.  On the benchmark's calls a
# pattern of 35 characters was still faster with pyarrow, one of 61 already
# faster joined.
SHORT = 48


def per_value(values: pa.Array | pa.ChunkedArray, pattern: str, *, ignore_case: bool = True) -> np.ndarray:
    """pyarrow's answer, compiling ``pattern`` anew (nulls never match).

    >>> per_value(pa.array(["VIH", None, "hiver"]), r"\\bvih\\b").tolist()
    [True, False, False]
    """
    found = pc.match_substring_regex(values, pattern=pattern, ignore_case=ignore_case)
    return np.asarray(pc.fill_null(found, False), dtype=bool)


def matches(values: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """Per value, whether ``pattern`` occurs in it (nulls never match), the
    faster way: ``per_value`` for a short pattern, else ``joined_matches``.

    >>> values = pa.array(["VIH", None, "VIH\\nVIH", "", "hiver"])
    >>> matches(values, r"^(?:vih|sida|hiv|vhi|lav|htlv-?iii|immunod[eé]ficience)$").tolist()
    [True, False, False, False, False]
    """
    if len(pattern) < SHORT:
        return per_value(values, pattern)
    return joined_matches(values, pattern)


@cache
def compiled(pattern: str, *, joined: bool, ignore_case: bool = True) -> re2._Regexp | None:
    """``pattern``, case-insensitive unless told, to search a text of values ``joined`` by
    ``\\n`` (in multi-line mode) or a value on its own; None where google-re2
    does not compile it or the joined search could not answer for each value.

    >>> compiled(r"\\bvih\\b", joined=True).search("Sérologie VIH".encode()).span()
    (11, 14)
    >>> compiled(r"\\Avih", joined=True), compiled(r"\\Avih", joined=False) is None
    (None, False)
    """
    if joined and _WHOLE_TEXT_ANCHORS.search(pattern):
        return None
    options = re2.Options()
    options.case_sensitive = not ignore_case
    # As pyarrow's RE2: no log lines, and the default memory (8 MiB) per
    # regex. Its DFA cache is most of what the patterns cost a process: with
    # half of it the largest patterns fail over to RE2's NFA, ten times slower.
    options.log_errors = False
    try:
        return re2.compile("(?m)" + pattern if joined else pattern, options)
    except re2.error:
        return None


def joined_matches(values: pa.Array | pa.ChunkedArray, pattern: str) -> np.ndarray:
    """``per_value``'s answer, from one search of the values joined by ``\\n``
    with ``pattern`` compiled once per process.

    >>> values = pa.array(["VIH", None, "VIH\\nVIH", "", "hiver"])
    >>> joined_matches(values, r"^vih$").tolist()
    [True, False, False, False, False]
    >>> joined_matches(values, r"^$|vih\\s+vih").tolist()
    [False, False, True, True, False]
    """
    rx = compiled(pattern, joined=True)
    if rx is None or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return per_value(values, pattern)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    found = np.zeros(len(values), dtype=bool)
    if not len(values):
        return found
    text, starts, ends = _joined(values)
    starts, ends = starts.tolist(), ends.tolist()  # read one by one below: lists are faster
    within, again = [], []
    for i, inside in _hits(rx, text, starts, ends):
        (within if inside else again).append(i)
    found[within] = True
    if again:
        alone = compiled(pattern, joined=False)
        for i in again:
            found[i] = alone.search(text[starts[i]:ends[i]]) is not None
    if values.null_count:
        found &= np.asarray(values.is_valid(), dtype=bool)
    return found


class JoinedValues:
    """Values joined by ``\\n`` once, to ask of several patterns whether they
    occur in some value: ``per_value(...).any()``, from a search that stops
    at the first value a pattern occurs in.

    >>> joined = JoinedValues(pa.array(["06 12", None, "x\\na@b"]))
    >>> joined.any_match("@"), joined.any_match("^6"), joined.any_match(r"^A@", ignore_case=False)
    (True, False, False)
    """

    def __init__(self, values: pa.Array | pa.ChunkedArray) -> None:
        self.values = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
        self._text: tuple[bytes, np.ndarray, np.ndarray] | None = None

    def any_match(self, pattern: str, *, ignore_case: bool = True) -> bool:
        """Whether ``pattern`` occurs in some value (nulls never match)."""
        values = self.values
        rx = compiled(pattern, joined=True, ignore_case=ignore_case)
        if rx is None or not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
            return bool(per_value(values, pattern, ignore_case=ignore_case).any())
        if not len(values):
            return False
        if self._text is None:
            self._text = _joined(values)
        text, starts, ends = self._text
        for i, inside in _hits(rx, text, starts, ends):
            if values[i].is_valid and (inside or compiled(pattern, joined=False, ignore_case=ignore_case)
                                       .search(text[starts[i]:ends[i]]) is not None):
                return True
        return False


def _joined(values: pa.Array) -> tuple[bytes, np.ndarray, np.ndarray]:
    """The values' UTF-8 joined by ``\\n`` (nulls as empty values), and the byte
    offsets where each starts and ends."""
    if values.null_count:
        values = pc.if_else(values.is_valid(), values, pa.scalar("", values.type))
    # Offsets from numpy: from a pyarrow int64 array, a list of (not large) strings took milliseconds.
    one_list = pa.LargeListArray.from_arrays(np.array([0, len(values)], np.int64), values)
    text = pc.binary_join(one_list, pa.scalar("\n", values.type))[0].as_buffer().to_pybytes()
    lengths = pc.binary_length(values).to_numpy(zero_copy_only=False)
    ends = np.cumsum(lengths + 1) - 1
    return text, ends - lengths, ends


def _hits(rx: re2._Regexp, text: bytes, starts: Sequence[int],
          ends: Sequence[int]) -> Iterator[tuple[int, bool]]:
    """Each value a match starts in, in order, and whether the match lies within
    it (else it is to be searched again on its own).

    One search per value at most, however often a pattern such as ``[a-z]``
    occurs in it.
    """
    pos = 0
    while (found := rx.search(text, pos)) is not None:
        start, end = found.span()
        # A match that starts on a separator is either empty, at the end of
        # the value before, or runs over it: both belong to the value before.
        i = bisect_right(starts, start) - 1
        yield i, bool(end <= ends[i] and text.find(b"\n", starts[i], ends[i]) < 0)
        if i + 1 == len(starts):
            break
        pos = int(starts[i + 1])
