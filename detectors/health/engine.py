"""Evaluate a category's rules over the columns of one batch.

A category is a list of rules; a row reveals the category when all the
signals of one rule are found in it (each in any column of a role it allows).
A few RE2 passes per column (alternations of all the signals that column may
carry) find the rows worth a look; each signal is then tested on the rows its
own alternation hit, and only rows that name someone else, deny the finding
or hold a false friend are masked and tested once more.

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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
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
    ``personal``: the finding must be about the patient, not a relative, nor
    about no one (a campaign, a poster).  ``deniable``: a denied finding ("pas
    de diabète") does not count.  Either way the doubtful text is masked out
    and ``pattern`` tested again.
    ``absent``: the rule holds only where the signal is *not* found (an hCG
    that a tumour-marker context explains is no pregnancy test).
    ``confirm``: a check RE2 cannot make (a check digit), run on the values
    the pattern matched; it returns one flag per value.
    """

    pattern: str
    roles: frozenset[Role]
    false_friends: str | None = None
    personal: bool = False
    confirm: Callable[[pa.Array], np.ndarray] | None = None
    deniable: bool = False
    absent: bool = False

    @cached_property
    def _masks(self) -> tuple[str, ...]:
        """This signal's own masks (the ones about other people are shared)."""
        # Kept apart rather than joined: one alternation of them all can
        # outgrow RE2's DFA memory and fall back to a much slower search.
        denied = kin.denied(self.pattern) if self.deniable else ()
        return (*denied, *filter(None, [self.false_friends]))

    @cached_property
    def _triggers(self) -> tuple[str, ...]:
        """What puts a value the pattern matched in doubt, so that it is masked."""
        return tuple(filter(None, [self.false_friends, self.deniable and kin.NEGATION]))


Rule = tuple[Signal, ...]

# A column whose first rows repeat themselves (exam names, results, blood
# groups, the stock phrases of a comment column) is dictionary-encoded: each
# distinct value is then searched once, which pays for the hashing as soon as
# a third of the rows are repeats.
_SAMPLE = 4096
_FEW = 0.67
# Patterns joined into one prefilter alternation stay under this many
# characters each, so that RE2 keeps them on its DFA.
_PREFILTER_CHARS = 6000


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


def personal(pattern: str, roles: frozenset[Role], *false_friends: str,
             deniable: bool = False) -> Signal:
    """A signal that counts only when about the patient, and not in ``false_friends``.

    ``deniable``: nor when denied ("pas d'antécédent psychiatrique").

    >>> import pyarrow as pa
    >>> from detectors.health.text import word
    >>> signal = personal(word("vih"), frozenset({Role.TEXT}), word("vihiers"))
    >>> rows = pa.chunked_array([["VIH+", "père VIH+", "père VIH+, patient VIH-"]])
    >>> evaluate([(signal,)], [Column.of(rows, Role.TEXT)], 3).tolist()
    [True, False, True]
    """
    return Signal(pattern, roles, any_of(*false_friends) if false_friends else None, True,
                  deniable=deniable)


def absent(signal: Signal) -> Signal:
    """``signal`` as a condition of a rule that it is *not* found in the row.

    >>> import pyarrow as pa
    >>> from detectors.health.text import word
    >>> hcg = Signal(word("hcg"), frozenset({Role.TEXT}))
    >>> tumour = Signal(word("tumeur"), frozenset({Role.TEXT}))
    >>> on = pa.chunked_array([["hCG 85", "hCG 85, tumeur germinale"]])
    >>> evaluate([(hcg, absent(tumour))], [Column.of(on, Role.TEXT)], 2).tolist()
    [True, False]
    """
    return replace(signal, absent=True)


def _groups(patterns: Sequence[str]) -> list[list[str]]:
    """``patterns`` in groups whose alternation stays under ``_PREFILTER_CHARS``."""
    groups: list[list[str]] = [[]]
    for pattern in patterns:
        if groups[-1] and sum(map(len, groups[-1])) + len(pattern) > _PREFILTER_CHARS:
            groups.append([])
        groups[-1].append(pattern)
    return [group for group in groups if group]


class _Others:
    """A column's values, and the same values with the clauses about other
    people or about no one masked out: computed once, shared by the signals."""

    _DOUBT = any_of(kin.OTHERS, kin.PUBLIC)
    # (pattern, replacement), in this order: an owner named after the finding
    # is kept, so that the clause it starts is masked next.
    _MASKS = ((kin.DASH, " ; "), (kin.PATIENT, " ; "), (kin.OWNER_AFTER, r" ; \1"),
              (kin.RELATIVE_CLAUSE, " ; "), (kin.ABOUT_NO_ONE, " ; "))

    def __init__(self, values: pa.Array | pa.ChunkedArray) -> None:
        self.values = values

    @cached_property
    def doubt(self) -> np.ndarray:
        """Per value, whether it names someone else or no one."""
        return matches(self.values, self._DOUBT)

    @cached_property
    def _cleared(self) -> tuple[pa.ChunkedArray, np.ndarray]:
        """The values followed by their doubtful ones masked, and where each value's text is."""
        doubtful = np.flatnonzero(self.doubt)
        masked = self.values.take(doubtful)
        for pattern, replacement in self._MASKS:
            masked = mask(masked, pattern, replacement)
        where = np.arange(len(self.values))
        where[doubtful] = len(self.values) + np.arange(doubtful.size)
        chunks = [*_chunks(self.values), *_chunks(masked)]
        return pa.chunked_array(chunks, type=chunks[0].type), where

    def cleared(self, rows: np.ndarray) -> pa.ChunkedArray:
        """The text of ``rows``, masked where it names someone else or no one."""
        text, where = self._cleared
        return text.take(where[rows])


def _chunks(values: pa.Array | pa.ChunkedArray) -> list[pa.Array]:
    return values.chunks if isinstance(values, pa.ChunkedArray) else [values]


def _found(others: _Others, at: np.ndarray, signal: Signal, certain: bool) -> np.ndarray:
    """Per value of ``others`` at ``at``, whether ``signal`` holds (``certain``: its pattern matches)."""
    values = others.values.take(at)
    found = np.ones(len(values), dtype=bool) if certain else matches(values, signal.pattern)
    if signal.confirm is not None and found.any():
        hit = np.flatnonzero(found)
        found[hit] = signal.confirm(values.take(hit))
    hit = np.flatnonzero(found)
    if hit.size == 0 or not (signal.personal or signal._triggers):
        return found
    # Only values that name someone else, deny or hold a false friend are in doubt.
    doubt = others.doubt[at[hit]] if signal.personal else np.zeros(hit.size, dtype=bool)
    candidates = values.take(hit)
    for trigger in signal._triggers:
        doubt |= matches(candidates, trigger)
    if doubt.any():
        rows = hit[doubt]
        cleared = others.cleared(at[rows]) if signal.personal else values.take(rows)
        for pattern in signal._masks:
            cleared = mask(cleared, pattern)
        found[rows] = matches(cleared, signal.pattern)
    return found


def _signal_hits(values: pa.Array | pa.ChunkedArray, signals: Sequence[Signal]) -> np.ndarray:
    """Per value (rows) and signal (columns), whether the signal holds in the value.

    Patterns are joined into alternations of moderate size, each searched
    over all the values; a signal is then tested only on the values its own
    alternation hit, so the signals of an alternation that hits nothing cost
    nothing more (RE2 compiles a pattern anew at every call).
    """
    out = np.zeros((len(values), len(signals)), dtype=bool)
    by_pattern: dict[str, list[int]] = {}
    for j, signal in enumerate(signals):
        by_pattern.setdefault(signal.pattern, []).append(j)
    others = _Others(values)
    for group in _groups(list(by_pattern)):
        hit = np.flatnonzero(matches(values, any_of(*group)))
        if hit.size == 0:
            continue
        for pattern in group:
            for j in by_pattern[pattern]:
                out[hit, j] = _found(others, hit, signals[j], certain=len(group) == 1)
    return out


class SignalMemory:
    """What the signals found in the values of repetitive columns of earlier batches.

    RE2 patterns are compiled anew at every pyarrow call, and the vocabulary
    of all categories makes that compilation cost more than the search of a
    batch's few distinct exam names or results.  A value seen before is
    looked up instead (one vectorised hash lookup per column); only new
    values are searched.  At most ``capacity`` values are kept per role.

    >>> import pyarrow as pa
    >>> from detectors.health.text import word
    >>> sida = Signal(word("sida"), frozenset({Role.TEXT}))
    >>> memory = SignalMemory()
    >>> column = Column.of(pa.chunked_array([["SIDA", "RAS"] * 10]), Role.TEXT)
    >>> [memory.hits(column, [sida])[:, 0].tolist() for _ in range(2)]
    [[True, False], [True, False]]
    """

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._known: dict[tuple, tuple[pa.Array, np.ndarray]] = {}

    def hits(self, column: Column, signals: Sequence[Signal]) -> np.ndarray:
        """Per value of ``column`` and per signal, whether the signal holds."""
        if column.rows is None:  # free text that does not repeat: nothing to remember
            return _signal_hits(column.values, signals)
        key = (column.role, tuple(signals))
        values = pc.cast(column.values, pa.large_string())
        known, matrix = self._known.get(
            key, (pa.array([], pa.large_string()), np.zeros((0, len(signals)), dtype=bool)))
        at = pc.fill_null(pc.index_in(values, value_set=known), -1).to_numpy(zero_copy_only=False)
        new = np.flatnonzero(at < 0)
        out = matrix[np.maximum(at, 0)] if len(known) else np.zeros((len(values), len(signals)), bool)
        if new.size:
            fresh = values.take(new)
            out[new] = found = _signal_hits(fresh, signals)
            room = self.capacity - len(known)
            if room > 0:
                self._known[key] = (pa.concat_arrays([known, fresh.slice(0, room)]),
                                    np.concatenate([matrix, found[:room]]))
        return out


def _seen(signals: Sequence[Signal], columns: Sequence[Column], rows: int,
          memory: SignalMemory | None) -> dict[Signal, np.ndarray]:
    """Per signal, per row, whether it holds in a column of a role it allows."""
    seen = {s: np.zeros(rows, dtype=bool) for s in signals}
    for column in columns:
        eligible = [s for s in signals if column.role in s.roles]
        if not eligible:
            continue
        hits = memory.hits(column, eligible) if memory else _signal_hits(column.values, eligible)
        for j in np.flatnonzero(hits.any(axis=0)):
            seen[eligible[j]] |= column.spread(hits[:, j])
    return seen


def _holds(rules: Sequence[Rule], seen: Mapping[Signal, np.ndarray], rows: int) -> np.ndarray:
    result = np.zeros(rows, dtype=bool)
    for rule in rules:
        result |= np.logical_and.reduce([~seen[s] if s.absent else seen[s] for s in rule])
    return result


def evaluate(rules: Sequence[Rule], columns: Sequence[Column], rows: int) -> np.ndarray:
    """Per row, whether one of ``rules`` holds entirely in that row.

    >>> import pyarrow as pa
    >>> from detectors.health.text import word
    >>> sida = Signal(word("sida"), frozenset({Role.TEXT}))
    >>> evaluate([(sida,)], [Column.of(pa.chunked_array([["SIDA", "subsidiaire"]]), Role.TEXT)], 2).tolist()
    [True, False]
    """
    signals = list(dict.fromkeys(s for rule in rules for s in rule))
    return _holds(rules, _seen(signals, columns, rows, None), rows)


def evaluate_all(categories: Mapping[str, Sequence[Rule]], columns: Sequence[Column],
                 rows: int, memory: SignalMemory | None = None) -> dict[str, np.ndarray]:
    """Per category, per row, whether one of its rules holds.

    All categories share one prefilter pass per column (their signals joined
    in alternations of moderate size): most cells of a leak reveal nothing,
    and each signal is then tested on the few values that might.
    """
    signals = list(dict.fromkeys(s for rules in categories.values() for rule in rules for s in rule))
    seen = _seen(signals, columns, rows, memory)
    return {name: _holds(rules, seen, rows) for name, rules in categories.items()}


def on_text(rules: Sequence[Rule], texts: Sequence[str | None]) -> list[bool]:
    """Per text, whether ``rules`` hold in a free-text cell holding it: for examples.

    >>> from detectors.health.text import word
    >>> on_text([(Signal(word("sida"), frozenset({Role.TEXT})),)], ["SIDA", "subsidiaire"])
    [True, False]
    """
    column = Column(pa.chunked_array([pa.array(texts, pa.string())]), Role.TEXT)
    return evaluate(rules, [column], len(texts)).tolist()
