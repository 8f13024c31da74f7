"""Evaluate a category's rules over the columns of one batch.

A category is a list of rules; a row reveals the category when all the
signals of one rule are found in it (each in any column of a role it allows).
One RE2 pass per column covers all the signals that column may carry; only
the rows it hits are looked at again, signal by signal, and only rows that
also match a signal's ``unless`` pattern are masked and tested once more.

>>> import pyarrow as pa
>>> from detectors.health.roles import Role
>>> from detectors.health.text import word
>>> tpe = Signal(word("tpe"), frozenset({Role.TEXT}))
>>> exposure = Signal(word("aes"), frozenset({Role.TEXT}))
>>> columns = [Column.of(pa.chunked_array([["TPE", "TPE après AES", "paiement TPE"]]), Role.TEXT)]
>>> evaluate([(tpe, exposure)], columns, 3).tolist()
[False, True, False]
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import kin
from .roles import Role
from .text import any_of, mask, matches


@dataclass(frozen=True)
class Signal:
    """A pattern that marks a row when found in a column of one of ``roles``.

    ``false_friends``: text that looks like the pattern but does not count.
    ``personal``: the finding must be about the patient, not a relative.
    Either way the doubtful text is masked out and ``pattern`` tested again.
    """

    pattern: str
    roles: frozenset[Role]
    false_friends: str | None = None
    personal: bool = False

    @cached_property
    def _masks(self) -> tuple[str, ...]:
        # Kept apart rather than joined: one alternation of them all can
        # outgrow RE2's DFA memory and fall back to a much slower search.
        others = (kin.PATIENT, *kin.about_others(self.pattern)) if self.personal else ()
        return (*others, *filter(None, [self.false_friends]))


Rule = tuple[Signal, ...]

# A column with few distinct values in its first rows (exam names, results,
# blood groups) is dictionary-encoded: each distinct value is searched once.
_SAMPLE = 4096
_FEW = 0.1


@dataclass(frozen=True)
class Column:
    """The text of one column to search, and its role.

    ``values`` is either the column itself or its dictionary; in the latter
    case ``rows`` gives, per row, the position of its value (``-1`` for null).
    """

    values: pa.Array | pa.ChunkedArray
    role: Role
    rows: np.ndarray | None = None

    @classmethod
    def of(cls, values: pa.ChunkedArray, role: Role) -> "Column":
        """``values`` ready to search, dictionary-encoded when it repeats itself.

        >>> import pyarrow as pa
        >>> col = Column.of(pa.chunked_array([["NFS", None] * 50, ["TSH"] * 50]), Role.EXAM)
        >>> col.values.to_pylist(), col.rows[98:101].tolist()
        (['NFS', 'TSH'], [0, -1, 1])
        """
        sample = values.slice(0, _SAMPLE)
        if len(sample) == 0 or pc.count_distinct(sample).as_py() > _FEW * len(sample):
            return cls(values, role)
        encoded = pc.dictionary_encode(values.combine_chunks())
        rows = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        return cls(encoded.dictionary, role, rows.astype(np.int64, copy=False))

    def spread(self, per_value: np.ndarray) -> np.ndarray:
        """Per row, the flag of its value."""
        if self.rows is None:
            return per_value
        return np.append(per_value, False)[self.rows]


def personal(pattern: str, roles: frozenset[Role], *false_friends: str) -> Signal:
    """A signal that counts only when about the patient, and not in ``false_friends``.

    >>> import pyarrow as pa
    >>> from detectors.health.text import word
    >>> signal = personal(word("vih"), frozenset({Role.TEXT}), word("vihiers"))
    >>> rows = pa.chunked_array([["VIH+", "père VIH+", "père VIH+, patient VIH-"]])
    >>> evaluate([(signal,)], [Column.of(rows, Role.TEXT)], 3).tolist()
    [True, False, True]
    """
    return Signal(pattern, roles, any_of(*false_friends) if false_friends else None, True)


def _found(values: pa.ChunkedArray, signal: Signal, certain: bool) -> np.ndarray:
    """Per value, whether ``signal`` holds (``certain``: its pattern is known to match)."""
    found = np.ones(len(values), dtype=bool) if certain else matches(values, signal.pattern)
    at = np.flatnonzero(found)
    if at.size == 0 or not signal._masks:
        return found
    # Only values that name a relative or hold a false friend are in doubt.
    candidates = values.take(at)
    doubt = np.zeros(at.size, dtype=bool)
    for trigger in filter(None, [signal.false_friends, signal.personal and kin.RELATIVE]):
        doubt |= matches(candidates, trigger)
    if doubt.any():
        cleared = candidates.filter(doubt)
        for pattern in signal._masks:
            cleared = mask(cleared, pattern)
        found[at[doubt]] = matches(cleared, signal.pattern)
    return found


def evaluate(rules: Sequence[Rule], columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether one of ``rules`` holds entirely in that row."""
    signals = list(dict.fromkeys(s for rule in rules for s in rule))
    seen = {s: np.zeros(rows, dtype=bool) for s in signals}
    for column in columns:
        eligible = [s for s in signals if column.role in s.roles]
        if not eligible:
            continue
        hit = np.flatnonzero(matches(column.values, any_of(*(s.pattern for s in eligible))))
        if hit.size == 0:
            continue
        subset = column.values.take(hit)
        for signal in eligible:
            per_value = np.zeros(len(column.values), dtype=bool)
            per_value[hit] = _found(subset, signal, certain=len(eligible) == 1)
            seen[signal] |= column.spread(per_value)
    result = np.zeros(rows, dtype=bool)
    for rule in rules:
        result |= np.logical_and.reduce([seen[s] for s in rule])
    return result
