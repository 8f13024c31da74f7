"""Plumbing shared by the identifier detectors (nir, phone, email).

Each detector describes its identifier as a :class:`Grammar` and a vectorised
``evaluate`` step; :func:`find_with` runs the same three stages for all:

1. a RE2 prefilter keeps the rows that can hold a candidate at all;
2. fast path: fields that are entirely one candidate (a dedicated column) are
   normalised with literal replaces and checked with one RE2 full match;
3. slow path: the other prefiltered rows (free text) go through the ``regex``
   module, and what it finds is normalised by the *same* function, so both
   paths hand ``evaluate`` identical strings for identical values.

>>> SEP
'[ .\\\\-\\xa0\\u202f]'
>>> strip_separators(pa.array(["1 85.05-2A"])).to_pylist()
['185052A']
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import regex

from detectors.hits import IdentifierHits

#: Characters people put between the digit groups of a written number:
#: space, dot, dash and the two non-breaking spaces spreadsheets emit.
SEPARATORS = (" ", ".", "-", "\u00a0", "\u202f")
#: The same set as a character class, valid in RE2 and in ``regex``.
SEP = "[ .\\-\u00a0\u202f]"
#: Samples kept per column: enough to show what was found, no more.
MAX_SAMPLES = 5
#: A column whose first rows hold at most this share of distinct values is
#: searched once per distinct value (dictionary encoding costs one hash pass).
REPEAT_SAMPLE = 4096
REPEAT_SHARE = 0.5


def bounded(core: str) -> str:
    """Wrap a candidate pattern so it is never cut out of a longer run.

    A candidate may not touch a letter or digit, nor continue a digit run
    through separators (``12 06 12 34 56 78`` is not a phone).

    >>> p = regex.compile(bounded(r"\\d\\d"))
    >>> [m.group() for m in p.finditer("ab12 34, 56 x78")]
    ['56']
    """
    return (
        rf"(?<![0-9A-Za-z])(?<![0-9]{SEP}+)(?:{core})"
        rf"(?![0-9A-Za-z])(?!{SEP}+[0-9])"
    )


def bounded_re2(core: str) -> str:
    """RE2 twin of :func:`bounded` for prefilters: the boundary characters are
    matched instead of looked around (RE2 has no lookaround), so a row passes
    exactly when ``bounded(core)`` finds something in it. A loose prefilter
    would send every spaced NIR's inner digits to the slow path.

    >>> import pyarrow.compute as pc
    >>> pc.match_substring_regex(pa.array(["ab12 34, 56 x78", "1 23 45"]), bounded_re2(r"\\d\\d")).to_pylist()
    [True, False]
    """
    seps = SEP[1:-1]
    left = rf"(?:^|[^0-9A-Za-z{seps}]|(?:^|[^0-9{seps}]){SEP}+)"
    right = rf"(?:$|[^0-9A-Za-z{seps}]|{SEP}+(?:$|[^0-9{seps}]))"
    return f"{left}(?:{core}){right}"


@dataclass(frozen=True)
class Grammar:
    """How one identifier is written.

    prefilter: RE2 pattern searched in every row (or a literal if
               ``prefilter_literal``); rows without it are skipped.
    whole:     RE2 pattern that a normalised field must fully match to take
               the fast path (anchor it with ``^...$``).
    text:      compiled ``regex`` pattern finding candidates in free text.
    normalise: vectorised rewrite from a written candidate to the string
               ``evaluate`` expects (literal replaces only: they are cheap).
    by_word:   a candidate holds no whitespace and ``text`` takes whitespace
               around it as it takes the ends of a text, so free text is
               searched word by word, in the words holding the (literal)
               prefilter only.
    """

    prefilter: str
    whole: str
    text: regex.Pattern
    normalise: Callable[[pa.Array], pa.Array]
    prefilter_literal: bool = False
    by_word: bool = False

    @property
    def prefilter_regex(self) -> str:
        """The prefilter as a RE2 pattern, a literal one escaped.

        >>> print(Grammar("a.b", "", regex.compile(""), strip_separators, prefilter_literal=True).prefilter_regex)
        a\\.b
        """
        return regex.escape(self.prefilter) if self.prefilter_literal else self.prefilter


#: evaluate(normalised candidates) -> (valid, invalid, keys), one entry each.
Evaluate = Callable[[pa.Array], tuple[np.ndarray, np.ndarray, np.ndarray]]


def as_strings(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One contiguous string or large_string array (an all-null column too)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if pa.types.is_null(values.type):
        values = values.cast(pa.string())
    return values


def strip_separators(values: pa.Array) -> pa.Array:
    """Remove every separator, with literal (not regex) replaces.

    >>> strip_separators(pa.array(["06\\u00a012 34", None])).to_pylist()
    ['061234', None]
    """
    return remove_literals(values, SEPARATORS)


def remove_literals(values: pa.Array, literals: tuple[str, ...]) -> pa.Array:
    """``values`` with each of ``literals`` removed in turn.

    A replace costs a pass over the text even where it finds nothing, so a
    literal whose first byte the text lacks (often the non-breaking spaces)
    is not looked for.

    >>> remove_literals(pa.array(["+33(0)6"]), ("(0)", "+")).to_pylist()
    ['336']
    """
    text = values.buffers()[2] if isinstance(values, pa.Array) and _is_text(values.type) else None
    data = None if text is None else np.frombuffer(text, dtype=np.uint8)
    for literal in literals:
        if data is None or (data == literal.encode()[0]).any():
            values = pc.replace_substring(values, literal, "")
    return values


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def without_separators(text: str) -> str:
    """Scalar twin of :func:`strip_separators`.

    >>> without_separators("06 12.34-56")
    '06123456'
    """
    for sep in SEPARATORS:
        text = text.replace(sep, "")
    return text


def _mask_of(matches: pa.Array) -> np.ndarray:
    return matches.fill_null(False).to_numpy(zero_copy_only=False)


def fixed_width_bytes(values: pa.Array, width: int) -> np.ndarray:
    """View non-null ASCII strings all ``width`` bytes long as a (n, width) uint8 matrix.

    >>> fixed_width_bytes(pa.array(["ab", "cd"]), 2).tolist()
    [[97, 98], [99, 100]]
    """
    n = len(values)
    if n == 0:
        return np.empty((0, width), dtype=np.uint8)
    _, offsets_buf, data_buf = values.buffers()
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    start = int(np.frombuffer(offsets_buf, dtype=offset_type, count=1, offset=values.offset * np.dtype(offset_type).itemsize)[0])
    data = np.frombuffer(data_buf, dtype=np.uint8, count=n * width, offset=start)
    return data.reshape(n, width)


def _findall(texts: pa.Array, rows: np.ndarray, pattern: regex.Pattern) -> tuple[np.ndarray, list[str]]:
    """Slow path: every candidate in ``texts``, with the row (of ``rows``) of its text.

    The texts are searched as one text joined by newlines: no grammar's match
    holds a newline, and a newline is a boundary for every grammar, so each
    match lies within one text exactly as if texts were searched one by one.
    """
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(pc.utf8_length(texts).to_numpy(zero_copy_only=False)[:-1] + 1, out=starts[1:])
    found = [(m.start(), m.group()) for m in pattern.finditer("\n".join(texts.to_pylist()))]
    if not found:
        return np.empty(0, dtype=np.int64), []
    at, matched = zip(*found)
    return rows[np.searchsorted(starts, np.asarray(at), side="right") - 1], list(matched)


def words_holding(texts: pa.Array, rows: np.ndarray, literal: str) -> tuple[pa.Array, np.ndarray]:
    """The whitespace-separated words of ``texts`` that hold ``literal``, each
    with the row (of ``rows``) of its text, in order.

    >>> words, at = words_holding(pa.array(["écrire à a@b.fr ou c@d.fr", None, "x@y.fr."]), np.array([4, 6, 9]), "@")
    >>> words.to_pylist(), at.tolist()
    (['a@b.fr', 'c@d.fr', 'x@y.fr.'], [4, 4, 9])
    """
    words = pc.utf8_split_whitespace(texts)
    flat = pc.list_flatten(words)
    keep = _mask_of(pc.match_substring(flat, literal))
    return flat.filter(pa.array(keep)), rows[pc.list_parent_indices(words).to_numpy()[keep]]


def encode_repeats(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The column as a dictionary array when its first rows repeat values (dates,
    a patient's phone on each of their records), else as plain strings.

    >>> encode_repeats(pa.array(["a", "a", "b", "a"])).type
    DictionaryType(dictionary<values=string, indices=int32, ordered=0>)
    >>> encode_repeats(pa.array(["a", "b"])).type
    DataType(string)
    """
    values = as_strings(values)
    sample = values.slice(0, REPEAT_SAMPLE)
    if len(sample) and pc.count_distinct(sample, mode="all").as_py() <= REPEAT_SHARE * len(sample):
        return pc.dictionary_encode(values)
    return values


def _expand(hits: IdentifierHits, indices: pa.Array) -> IdentifierHits:
    """Hits over a column's distinct values spread back to its rows."""
    distinct = hits.valid.size
    index = indices.fill_null(distinct).to_numpy(zero_copy_only=False)
    per_value = np.bincount(hits.key_rows, minlength=distinct + 1)
    per_row = per_value[index]
    offsets = np.cumsum(per_row) - per_row
    within = np.arange(int(per_row.sum())) - np.repeat(offsets, per_row)
    gather = np.repeat((np.cumsum(per_value) - per_value)[index], per_row) + within
    return IdentifierHits(
        valid=np.append(hits.valid, 0)[index],
        invalid=np.append(hits.invalid, 0)[index],
        keys=hits.keys[gather],
        key_rows=np.repeat(np.arange(index.size, dtype=np.int32), per_row),
        # A dictionary keeps first-occurrence order: these are the column's first distinct values.
        masked=hits.masked,
    )


def find_with(values: pa.Array | pa.ChunkedArray, grammar: Grammar, evaluate: Evaluate, mask: Callable[[str], str]) -> IdentifierHits:
    """Run prefilter, fast path and slow path over one column; see the module doc.

    A dictionary-encoded column (see :func:`encode_repeats`) is searched once
    per distinct value. ``mask`` is applied to at most :data:`MAX_SAMPLES`
    normalised valid values.
    """
    if isinstance(values, pa.DictionaryArray):
        return _expand(find_with(values.dictionary, grammar, evaluate, mask), values.indices)
    values = as_strings(values)
    n = len(values)
    hits = IdentifierHits.empty(n)
    if grammar.prefilter_literal:
        present = pc.match_substring(values, grammar.prefilter)
    else:
        present = pc.match_substring_regex(values, grammar.prefilter)
    rows = np.flatnonzero(_mask_of(present))
    if rows.size == 0:
        return hits
    candidates = grammar.normalise(values.take(pa.array(rows)))
    whole = _mask_of(pc.match_substring_regex(candidates, grammar.whole))
    slow_rows, texts = rows[~whole], values.take(pa.array(rows[~whole]))
    if grammar.by_word:
        texts, slow_rows = words_holding(texts, slow_rows, grammar.prefilter)
    slow_rows, slow_found = _findall(texts, slow_rows, grammar.text)
    parts = [(rows[whole], candidates.filter(pa.array(whole)))]
    if slow_found:
        parts.append((slow_rows, grammar.normalise(pa.array(slow_found, type=values.type))))

    all_rows, valid, invalid, keys, texts = [], [], [], [], []
    for part_rows, part in parts:
        ok, bad, part_keys = evaluate(part)
        all_rows.append(part_rows)
        valid.append(ok)
        invalid.append(bad)
        keys.append(part_keys)
        texts.append(part)
    all_rows_a = np.concatenate(all_rows)
    valid_a = np.concatenate(valid)
    invalid_a = np.concatenate(invalid)
    keys_a = np.concatenate(keys)

    hits.valid = np.bincount(all_rows_a[valid_a], minlength=n).astype(np.int32)
    hits.invalid = np.bincount(all_rows_a[invalid_a], minlength=n).astype(np.int32)
    # Row order (stable, so a field's values keep their order) makes
    # IdentifierHits.first_key_per_row mean "first value written in the field".
    valid_at = np.flatnonzero(valid_a)
    order = valid_at[np.argsort(all_rows_a[valid_at], kind="stable")]
    hits.keys = keys_a[order].astype(np.int64)
    hits.key_rows = all_rows_a[order].astype(np.int32)
    fast_size = len(texts[0])
    hits.masked = [
        mask(texts[0][i].as_py() if i < fast_size else texts[1][i - fast_size].as_py())
        for i in order[:MAX_SAMPLES].tolist()
    ]
    return hits
