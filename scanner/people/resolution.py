"""Counting people: the components of each policy's links, the interval, and the split by decade.

Policies are cumulative (see ``rules``): each rule's links are folded into
the components so far, so only one rule's edges are ever held at once, and
the counts of ``high``, ``estimate`` and ``low`` come out of one pass.

>>> by_birth_decade(np.array([0, 0, 1, 2]), np.array([106, 0, 0, 111], np.uint8), np.ones(4, bool))
{'1980': 1, '1990': 1, 'unknown': 1}
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .columns import Columns
from .linking import fold
from .person_ids import person_ids
from .record_state import BYTES_PER_RECORD, YEAR_BASE
from .rules import POLICIES, RULES, method, rule_edges
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


def resolve(columns: Columns, typos: TypoTable) -> Resolution:
    """Count people under the three policies; person ids from the estimate."""
    usable = (columns.nir != 0) | ((columns.birth != 0) & ((columns.first | columns.last) != 0))
    labels = np.arange(usable.size, dtype=np.int32)
    counts, estimate = {}, labels
    for policy in POLICIES:
        for rule in RULES:
            if rule.policy == policy:
                labels = fold(labels, rule_edges(rule, columns, typos))
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
    np.maximum.at(latest, labels[usable], year[usable])
    people = np.bincount(labels[usable], minlength=n) > 0
    years = latest[people].astype(np.int64)
    known = years[years > 0] + YEAR_BASE
    decades, counts = np.unique(known // 10 * 10, return_counts=True)
    out = {str(d): int(c) for d, c in zip(decades.tolist(), counts.tolist())}
    out["unknown"] = int(np.count_nonzero(years == 0))
    return out
