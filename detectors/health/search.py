"""Which signals hold in which distinct values, with as few RE2 passes as it takes.

Every RE2 pass costs more than the text it reads (a long pattern is compiled
once per process, see ``compiled``, a short one by pyarrow at every call),
so every step searches all the values it concerns at once: the signals'
patterns are joined into alternations of moderate size, each searched once;
a pattern is then tested on the values its alternation hit, the text about
others, the false friends and the denials only on the values some pattern
matched.

>>> import pyarrow as pa
>>> from detectors.health.roles import Role
>>> from detectors.health.signals import Signal
>>> from detectors.health.text import word
>>> signals = [Signal(word("sida"), frozenset({Role.TEXT})),
...            Signal(word("nfs"), frozenset({Role.EXAM}))]
>>> values = pa.array(["SIDA", "NFS", "NFS, SIDA"])
>>> eligible = np.array([[True, False], [True, False], [True, True]])
>>> signal_hits(values, signals, eligible).tolist()
[[True, False], [False, False], [True, True]]
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyarrow as pa

from .doubt import Others, resolve
from .roles import Role
from .signals import Signal
from .text import any_of, matches

# Patterns joined into one prefilter alternation stay under this many
# characters each, so that RE2 keeps them on its DFA.  A pattern of half that
# size or more makes a group alone: its hits then need no second search.
_PREFILTER_CHARS = 6000


def _groups(patterns: Mapping[str, frozenset[Role]]) -> list[list[str]]:
    """``patterns`` (with the roles they are looked for in) in groups of one
    set of roles whose alternation stays under ``_PREFILTER_CHARS``.

    >>> text, exam = frozenset({Role.TEXT}), frozenset({Role.EXAM})
    >>> [[len(p) for p in group] for group in _groups({"a" * 4000: text, "b": text, "c": exam})]
    [[1], [1], [4000]]
    """
    alone: list[list[str]] = []
    by_roles: dict[frozenset[Role], list[list[str]]] = {}
    for pattern, roles in patterns.items():
        if 2 * len(pattern) >= _PREFILTER_CHARS:
            alone.append([pattern])
            continue
        packed = by_roles.setdefault(roles, [[]])
        if packed[-1] and sum(map(len, packed[-1])) + len(pattern) > _PREFILTER_CHARS:
            packed.append([])
        packed[-1].append(pattern)
    return [group for packed in by_roles.values() for group in packed] + alone


def _matching(values: pa.Array, rows: np.ndarray, pattern: str) -> np.ndarray:
    """The rows among ``rows`` whose value ``pattern`` occurs in."""
    if rows.size == len(values):
        return np.flatnonzero(matches(values, pattern))
    return rows[matches(values.take(rows), pattern)] if rows.size else rows


def _candidates(values: pa.Array, signals: Sequence[Signal],
                eligible: np.ndarray) -> dict[int, np.ndarray]:
    """Per signal (by position), the rows its pattern matched and its check confirmed."""
    by_pattern: dict[str, list[int]] = {}
    roles: dict[str, frozenset[Role]] = {}
    for j, signal in enumerate(signals):
        by_pattern.setdefault(signal.pattern, []).append(j)
        roles[signal.pattern] = roles.get(signal.pattern, frozenset()) | signal.roles
    candidates: dict[int, np.ndarray] = {}
    for group in _groups(roles):
        wanted = eligible[:, [j for pattern in group for j in by_pattern[pattern]]].any(axis=1)
        hit = _matching(values, np.flatnonzero(wanted), any_of(*group))
        if hit.size == 0:
            continue
        for pattern in group:
            own = by_pattern[pattern]
            rows = hit[eligible[np.ix_(hit, own)].any(axis=1)]
            if len(group) > 1:
                rows = _matching(values, rows, pattern)
            for j in own:
                at = rows[eligible[rows, j]]
                if signals[j].confirm is not None and at.size:
                    at = at[signals[j].confirm(values.take(at))]
                if at.size:
                    candidates[j] = at
    return candidates


def _triggered(values: pa.Array, signals: Sequence[Signal], candidates: dict[int, np.ndarray],
               others: Others) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per trigger pattern, per value, whether it occurs in the value, and in its text
    with the clauses about others masked.

    Both are searched in one pass, where a signal the trigger puts in doubt
    matched (the masked text where a personal signal will mask it).
    """
    wanted: dict[str, np.ndarray] = {}
    masked: dict[str, np.ndarray] = {}
    for j, rows in candidates.items():
        for trigger in signals[j].triggers:
            wanted.setdefault(trigger, np.zeros(len(values), dtype=bool))[rows] = True
            if signals[j].personal:
                doubtful = rows[others.doubt[rows]]
                masked.setdefault(trigger, np.zeros(len(values), dtype=bool))[doubtful] = True
    found = {}
    for trigger, where in wanted.items():
        rows = np.flatnonzero(where)
        doubtful = np.flatnonzero(masked.get(trigger, np.zeros(0, dtype=bool)))
        hit = matches(pa.concat_arrays([values.take(rows), others.cleared(doubtful)]), trigger)
        found[trigger] = (np.zeros(len(values), dtype=bool), np.zeros(len(values), dtype=bool))
        found[trigger][0][rows] = hit[:rows.size]
        found[trigger][1][doubtful] = hit[rows.size:]
    return found


def signal_hits(values: pa.Array, signals: Sequence[Signal], eligible: np.ndarray) -> np.ndarray:
    """Per value (rows) and signal (columns), whether the signal holds in the value.

    ``eligible`` says, likewise, whether the signal is looked for in the value
    at all (a value may come from columns of several roles).
    """
    out = np.zeros((len(values), len(signals)), dtype=bool)
    candidates = _candidates(values, signals, eligible)
    if not candidates:
        return out
    personal = [rows for j, rows in candidates.items() if signals[j].personal]
    others = Others(values, np.unique(np.concatenate(personal)) if personal else np.arange(0))
    triggered = _triggered(values, signals, candidates, others)
    for j, rows in candidates.items():
        # A personal signal's masks start from the text with the clauses about others masked.
        start = others.doubt[rows] if signals[j].personal else np.zeros(rows.size, dtype=bool)
        out[rows, j] = resolve(others, rows, signals[j], {
            trigger: (plain[rows], np.where(start, masked[rows], plain[rows]))
            for trigger, (plain, masked) in ((t, triggered[t]) for t in signals[j].triggers)})
    return out
