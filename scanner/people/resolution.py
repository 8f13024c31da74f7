"""Counting people: the components of each policy's links, the interval, and the split by decade.

Policies are cumulative (see ``rules``): each pass of rules' links is folded
into the components so far, so only one pass's edges are ever held at once,
and the counts of ``high``, ``estimate`` and ``low`` come out of one run.

>>> by_birth_decade(np.array([0, 0, 1, 2]), np.array([106, 0, 0, 111], np.uint8), np.ones(4, bool))
{'1980': 1, '1990': 1, 'unknown': 1}
"""
from __future__ import annotations

import mmap
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from .columns import Columns
from .linking import Edges, apart, fold, spans
from .person_ids import person_ids
from .record_state import BYTES_PER_RECORD, YEAR_BASE
from .rules import ATTACHMENTS, PASSES, RECORDS_PER_PASS, method, rule_edges
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


#: Below this many records one process resolves faster than starting workers.
PARALLEL_FROM = RECORDS_PER_PASS
# What forked workers read: they inherit the columns instead of receiving a copy, and
# one row per worker of shared memory where each task finds the labels of its time.
_shared: tuple[Columns, TypoTable, np.ndarray] | None = None


def _edges_of(index: int, slot: int) -> list[Edges]:
    """The edges of pass ``PASSES[index]`` that join two components of the labels left in
    row ``slot``: a worker sends back (and the main process holds) only those."""
    columns, typos, snapshots = _shared
    return [apart(snapshots[slot], rule_edges(PASSES[index], columns, typos))]


def _edges_in_order(columns: Columns, typos: TypoTable, workers: int,
                    labels: Callable[[], np.ndarray]) -> Iterator[Iterable[Edges]]:
    """Each pass's edges in ``PASSES``. With several workers the next passes are computed
    in forked processes while this one folds; at most ``workers`` passes' edges wait,
    each reduced to those joining components apart in the ``labels()`` of when it was
    submitted (components only grow, so an edge inside one then is never needed): a
    pass is submitted once the one before its predecessor is folded, so that its
    edges are reduced against what that pass joined."""
    if workers <= 1 or len(columns) < PARALLEL_FROM:
        for rules in PASSES:
            yield rule_edges(rules, columns, typos)
        return
    global _shared
    # Anonymous shared memory: the forked workers see what is written there after they start.
    snapshots = np.frombuffer(mmap.mmap(-1, workers * len(columns) * 4), np.int32).reshape(workers, -1)
    _shared = columns, typos, snapshots

    def submit(index: int) -> Future:
        # A row is reused once the task before in it returned: at most ``workers`` run.
        snapshots[index % workers] = labels()
        return pool.submit(_edges_of, index, index % workers)

    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = deque(submit(i) for i in range(min(workers, len(PASSES))))
            for index in range(len(PASSES)):
                yield pending.popleft().result()
                if index + workers < len(PASSES):
                    pending.append(submit(index + workers))
    finally:
        _shared = None


def resolve(columns: Columns, typos: TypoTable, workers: int = 1) -> Resolution:
    """Count people under the three policies; person ids from the estimate. The rules'
    links are computed on ``workers`` cores; the result does not depend on it (a fold
    depends on the set of links, not on their order)."""
    usable = (columns.nir != 0) | ((columns.birth != 0) & ((columns.first | columns.last) != 0))
    labels = np.arange(usable.size, dtype=np.int32)
    counts, estimate = {}, labels
    for index, edges in enumerate(_edges_in_order(columns, typos, workers, lambda: labels)):
        policy = PASSES[index][0].policy
        labels = fold(labels, edges)
        if index + 1 == len(PASSES) or PASSES[index + 1][0].policy != policy:
            for attachment in ATTACHMENTS:
                if attachment.policy == policy:
                    labels = fold(labels, [attachment.edges(labels, columns, typos)])
            counts[policy] = int(np.count_nonzero(np.bincount(labels[usable], minlength=1)))
            if policy == "estimate":
                estimate = labels
    del labels
    return Resolution(estimate=counts["estimate"], low=counts["low"], high=counts["high"],
                      method=method(BYTES_PER_RECORD), person=person_ids(estimate, columns, usable),
                      by_birth_decade=by_birth_decade(estimate, columns.field("year"), usable))


def by_birth_decade(labels: np.ndarray, year: np.ndarray, usable: np.ndarray) -> dict[str, int]:
    """People per birth decade (a person's latest year among its records), and "unknown"."""
    n = int(labels.max()) + 1 if labels.size else 0
    latest = np.zeros(n, np.uint8)
    people = np.zeros(n, bool)
    for chunk in spans(labels.size):
        held = usable[chunk]
        label = labels[chunk][held]
        np.maximum.at(latest, label, year[chunk][held])
        people[label] = True
    # People per year first: a 256-entry count, not a sort of every person's year.
    per_year = np.bincount(latest[people], minlength=256).tolist()
    out: dict[str, int] = {}
    for year, count in enumerate(per_year[1:], start=1):
        if count:
            decade = str((year + YEAR_BASE) // 10 * 10)
            out[decade] = out.get(decade, 0) + count
    out["unknown"] = per_year[0]
    return out
