"""Whether a signal still holds where its pattern matched text in doubt.

Text in doubt names someone else or no one (for a ``personal`` signal), holds
a false friend, or denies the finding (for a ``deniable`` one).  The doubtful
clauses are masked out and the pattern tested again.  RE2 compiles a pattern
anew at every pyarrow call, so each mask is first ruled out where a short
pattern it needs is missing, and a value whose text no mask changed keeps
its match without a new search.

>>> import pyarrow as pa
>>> from detectors.health.roles import Role
>>> from detectors.health.signals import personal
>>> from detectors.health.text import word
>>> values = pa.array(["VIH+", "père VIH+", "père VIH+, patient VIH-"])
>>> rows = np.arange(3)
>>> signal = personal(word("vih"), frozenset({Role.TEXT}))
>>> resolve(Others(values, rows), rows, signal, {}).tolist()
[True, False, True]
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detectors._text import as_strings

from . import kin
from .signals import Signal
from .text import any_of, mask, matches


class Others:
    """Distinct values, whether those at ``rows`` name someone else or no one,
    and their text with such clauses masked: computed once, shared by the signals."""

    _DOUBT = any_of(kin.OTHERS, kin.PUBLIC)
    # (pattern, replacement), in this order: an owner named after the finding
    # is kept, so that the clause it starts is masked next.
    _MASKS = ((kin.DASH, " ; "), (kin.PATIENT, " ; "), (kin.OWNER_AFTER, r" ; \1"),
              (kin.RELATIVE_CLAUSE, " ; "), (kin.ABOUT_NO_ONE, " ; "))

    def __init__(self, values: pa.Array, rows: np.ndarray) -> None:
        self.values = values
        self.doubt = np.zeros(len(values), dtype=bool)
        """Per value, whether it names someone else or no one (searched at ``rows`` only)."""
        if rows.size:
            self.doubt[rows] = matches(values.take(rows), self._DOUBT)

    @cached_property
    def _cleared(self) -> tuple[pa.ChunkedArray, np.ndarray]:
        """The values followed by their doubtful ones masked, and where each value's text is."""
        doubtful = np.flatnonzero(self.doubt)
        masked = self.values.take(doubtful)
        for pattern, replacement in self._MASKS:
            masked = mask(masked, pattern, replacement)
        where = np.arange(len(self.values))
        where[doubtful] = len(self.values) + np.arange(doubtful.size)
        return pa.chunked_array([self.values, masked], type=self.values.type), where

    def cleared(self, rows: np.ndarray) -> pa.Array:
        """The text of ``rows``, masked where it names someone else or no one."""
        text, where = self._cleared
        return as_strings(text.take(where[rows]))


def _same(text: pa.Array, original: pa.Array) -> np.ndarray:
    return np.asarray(pc.equal(text, original), dtype=bool)


def _mask_where(text: pa.Array, pattern: str, where: np.ndarray) -> pa.Array:
    """``text`` with ``pattern`` masked in the values ``where`` says it occurs."""
    if not where.any():
        return text
    at = np.flatnonzero(where)
    position = np.arange(len(text))
    position[at] = len(text) + np.arange(at.size)
    return pa.concat_arrays([text, as_strings(mask(text.take(at), pattern))]).take(position)


def resolve(others: Others, rows: np.ndarray, signal: Signal,
            triggered: Mapping[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Per row of ``rows`` (values of ``others`` the signal's pattern matched), whether it holds.

    ``triggered``: per pattern of ``signal.triggers``, whether it occurs in the
    values at ``rows``, and in the text the signal's masks start from.
    """
    found = np.ones(rows.size, dtype=bool)
    doubt = others.doubt[rows] if signal.personal else np.zeros(rows.size, dtype=bool)
    for trigger in signal.triggers:
        doubt |= triggered[trigger][0]
    if not doubt.any():
        return found
    at = rows[doubt]
    original = others.values.take(at)
    text = start = others.cleared(at) if signal.personal else original
    for pattern, needs in signal.masks:
        if needs is not None:
            occurs = matches(text, needs)
        else:  # a false friend: already searched in the text no mask has changed yet
            occurs = triggered[pattern][1][doubt].copy()
            changed = np.flatnonzero(~_same(text, start))
            if changed.size:
                occurs[changed] = matches(text.take(changed), pattern)
        text = _mask_where(text, pattern, occurs)
    changed = ~_same(text, original)
    if changed.any():
        found[np.flatnonzero(doubt)[changed]] = matches(text.filter(changed), signal.pattern)
    return found
