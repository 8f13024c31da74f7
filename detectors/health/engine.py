"""Evaluate a category's rules over the columns of one batch.

A category is a list of rules; a row reveals the category when all the
signals of one rule are found in it (each in any column of a role it allows).
The distinct values of all the columns of a batch (less those a
``SignalMemory`` knows) are searched together, once each: see ``search``.

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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from detectors._text import as_strings

from .memory import SignalMemory
from .roles import Role
from .search import signal_hits
from .signals import Rule, Signal, absent, personal

__all__ = ["Column", "Rule", "Signal", "SignalMemory", "absent", "evaluate", "evaluate_all",
           "on_text", "personal"]

# A column whose first rows repeat themselves (exam names, results, blood
# groups, the stock phrases of a comment column) is dictionary-encoded: each
# distinct value is then searched once, which pays for the hashing as soon as
# a third of the rows are repeats.
_SAMPLE = 4096
_FEW = 0.67


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
    def of(cls, values: pa.ChunkedArray, role: Role, encoded: pa.Array | None = None) -> "Column":
        """``values`` ready to search, dictionary-encoded when it repeats itself
        (with ``encoded``'s dictionary when it is already ``values`` encoded).

        >>> import pyarrow as pa
        >>> col = Column.of(pa.chunked_array([["NFS", None] * 50, ["TSH"] * 50]), Role.EXAM)
        >>> col.values.to_pylist(), col.rows[98:101].tolist()
        (['NFS', 'TSH'], [0, -1, 1])
        """
        sample = values.slice(0, _SAMPLE)
        if len(sample) == 0 or pc.count_distinct(sample).as_py() > _FEW * len(sample):
            return cls(values, role)
        if not (isinstance(encoded, pa.DictionaryArray) and encoded.dictionary.type == values.type):
            encoded = pc.dictionary_encode(values.combine_chunks())
        rows = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False)
        return cls(encoded.dictionary, role, rows.astype(np.int64, copy=False))

    def spread(self, per_value: np.ndarray) -> np.ndarray:
        """Per row, the flag of its value."""
        if self.rows is None:
            return per_value
        return np.append(per_value, False)[self.rows]


def _search(signals: Sequence[Signal], parts: Sequence[tuple[pa.Array, Role]]) -> list[np.ndarray]:
    """Per part (values of one role), per value and signal, whether the signal holds.

    The parts are searched together, each distinct value once: a pattern is
    then compiled once per batch rather than once per column.
    """
    encoded = pc.dictionary_encode(pa.concat_arrays([values for values, _ in parts]))
    distinct = encoded.dictionary
    index = pc.fill_null(encoded.indices, len(distinct)).to_numpy(zero_copy_only=False)
    # Per distinct value, the roles of the parts holding it, as bits (the last row: nulls).
    roles = np.zeros(len(distinct) + 1, dtype=np.int64)
    bounds = np.cumsum([0, *(len(values) for values, _ in parts)])
    for (_, role), start, stop in zip(parts, bounds, bounds[1:]):
        roles[index[start:stop]] |= 1 << role.value
    wanted = np.array([sum(1 << role.value for role in s.roles) for s in signals], dtype=np.int64)
    eligible = (roles[:-1, None] & wanted[None, :]) != 0
    found = np.vstack([signal_hits(distinct, signals, eligible),
                       np.zeros((1, len(signals)), dtype=bool)])
    return [found[index[start:stop]] for start, stop in zip(bounds, bounds[1:])]


def _seen(signals: Sequence[Signal], columns: Sequence[Column], rows: int,
          memory: SignalMemory | None) -> dict[Signal, np.ndarray]:
    """Per signal, per row, whether it holds in a column of a role it allows."""
    seen = {s: np.zeros(rows, dtype=bool) for s in signals}
    work = []  # per column searched: its signals, values, findings and new values
    for column in columns:
        eligible = [s for s in signals if column.role in s.roles]
        if not eligible:
            continue
        values = as_strings(pc.cast(column.values, pa.large_string()))
        if memory is not None and column.rows is not None:
            found, new = memory.recall(column.role, eligible, values)
        else:  # free text that does not repeat: nothing to remember
            found, new = np.zeros((len(values), len(eligible)), dtype=bool), None
        work.append((column, eligible, values, found, new))
    parts = [(values if new is None else values.take(new), column.role)
             for column, _, values, _, new in work]
    if any(len(values) for values, _ in parts):
        order = {s: j for j, s in enumerate(signals)}
        for (column, eligible, values, found, new), part in zip(work, _search(signals, parts)):
            position = [order[s] for s in eligible]
            if new is None:
                found[:] = part[:, position]
            else:
                found[new] = part[:, position]
                memory.learn(column.role, eligible, values.take(new), found[new])
    for column, eligible, _, found, _ in work:
        for j in np.flatnonzero(found.any(axis=0)):
            seen[eligible[j]] |= column.spread(found[:, j])
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

    All categories share one prefilter pass per batch (their signals joined
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
