"""Counting people: the components of each policy's links, the interval, and the split by decade.

Policies are cumulative (see ``rules``): each rule's links are folded into
the components so far, so only one rule's edges are ever held at once, and
the counts of ``high``, ``estimate`` and ``low`` come out of one pass.

>>> by_birth_decade(np.array([0, 0, 1, 2]), np.array([106, 0, 0, 111], np.uint8), np.ones(4, bool))
{'1980': 1, '1990': 1, 'unknown': 1}
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from .columns import Columns
from .linking import Edges, fold
from .person_ids import person_ids
from .record_state import BYTES_PER_RECORD, YEAR_BASE
from .rules import ATTACHMENTS, POLICIES, RECORDS_PER_PASS, RULES, method, rule_edges
from .typos import TypoTable


@dataclass
class Resolution:
    """People counted in the records: estimate within [low, high], and who is who.

    ``person`` holds one id per record (0: identifies no one), derived from
    the person's strongest identity key, so the same key file gives the same
    person the same id in two scans; ``by_birth_decade`` splits the estimate.
    """

    estimate: int
    low: int
    high: int
    method: dict
    person: np.ndarray
    by_birth_decade: dict[str, int]


#: Each rule in the order its links are folded: policy by policy, as RULES lists them.
ORDER = tuple(rule for policy in POLICIES for rule in RULES if rule.policy == policy)
#: Below this many records one process resolves faster than starting workers.
PARALLEL_FROM = RECORDS_PER_PASS
# What forked workers read: they inherit the columns instead of receiving a copy.
_shared: tuple[Columns, TypoTable] | None = None


def _edges_of(index: int) -> list[Edges]:
    """Every edge of rule ``ORDER[index]`` over the columns a forked worker inherited."""
    columns, typos = _shared
    parts = list(rule_edges(ORDER[index], columns, typos))
    if not parts:
        return []
    return [(np.concatenate([a for a, _ in parts]), np.concatenate([b for _, b in parts]))]


def _edges_in_order(columns: Columns, typos: TypoTable, workers: int) -> Iterator[Iterable[Edges]]:
    """Each rule's edges in ``ORDER``. With several workers the next rules are computed
    in forked processes while this one folds; at most ``workers`` rules' edges wait."""
    if workers <= 1 or len(columns) < PARALLEL_FROM:
        for rule in ORDER:
            yield rule_edges(rule, columns, typos)
        return
    global _shared
    _shared = columns, typos
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = deque(pool.submit(_edges_of, i) for i in range(min(workers, len(ORDER))))
            for index in range(len(ORDER)):
                edges = pending.popleft().result()
                if index + workers < len(ORDER):
                    pending.append(pool.submit(_edges_of, index + workers))
                yield edges
    finally:
        _shared = None


def resolve(columns: Columns, typos: TypoTable, workers: int = 1) -> Resolution:
    """Count people under the three policies; person ids from the estimate. The rules'
    links are computed on ``workers`` cores; the result does not depend on it (a fold
    depends on the set of links, not on their order)."""
    usable = (columns.nir != 0) | ((columns.birth != 0) & ((columns.first | columns.last) != 0))
    labels = np.arange(usable.size, dtype=np.int32)
    counts, estimate = {}, labels
    for index, edges in enumerate(_edges_in_order(columns, typos, workers)):
        rule = ORDER[index]
        labels = fold(labels, edges)
        if index + 1 == len(ORDER) or ORDER[index + 1].policy != rule.policy:
            for attachment in ATTACHMENTS:
                if attachment.policy == rule.policy:
                    labels = fold(labels, [attachment.edges(labels, columns, typos)])
            counts[rule.policy] = int(np.count_nonzero(np.bincount(labels[usable], minlength=1)))
            if rule.policy == "estimate":
                estimate = labels
    del labels
    return Resolution(estimate=counts["estimate"], low=counts["low"], high=counts["high"],
                      method=method(BYTES_PER_RECORD), person=person_ids(estimate, columns, usable),
                      by_birth_decade=by_birth_decade(estimate, columns.field("year"), usable))


def by_birth_decade(labels: np.ndarray, year: np.ndarray, usable: np.ndarray) -> dict[str, int]:
    """People per birth decade (a person's latest year among its records), and "unknown"."""
    n = int(labels.max()) + 1 if labels.size else 0
    latest = np.zeros(n, np.uint8)
    np.maximum.at(latest, labels[usable], year[usable])
    people = np.bincount(labels[usable], minlength=n) > 0
    years = latest[people].astype(np.int64)
    known = years[years > 0] + YEAR_BASE
    decades, counts = np.unique(known // 10 * 10, return_counts=True)
    out = {str(d): int(c) for d, c in zip(decades.tolist(), counts.tolist())}
    out["unknown"] = int(np.count_nonzero(years == 0))
    return out
