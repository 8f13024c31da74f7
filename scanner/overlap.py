"""Who appears in which input: per-input people and the people inputs share.

A leak resurfaces in several places (a forum archive, a paste site, a
resold copy); scanned together, each input's people and the people two
inputs share tell whether they are one leak or several. People are the
scan's person ids (one resolution over every input), so a person found in
two inputs is counted once in the total and once in each input.

>>> person = np.array([7, 7, 8, 0, 8, 9], np.uint64)
>>> o = InputOverlap.of(person, [(0, 3), (3, 3)])
>>> o.people, o.shared, o.in_every_input
([2, 2], [{'a': 0, 'b': 1, 'shared': 1}], 1)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix

from .distinct import sorted_distinct


@dataclass
class InputOverlap:
    """``people[i]``: distinct people in input i; ``shared``: pairs of inputs with people in common."""

    people: list[int]
    shared: list[dict[str, int]]
    in_every_input: int

    @classmethod
    def of(cls, person: np.ndarray, ranges: list[tuple[int, int]]) -> "InputOverlap":
        """From per-record person ids (0: no one) and each input's (first record, records)."""
        ids = [sorted_distinct(person[start:start + size]) for start, size in ranges]
        ids = [i[i != 0] for i in ids]
        if not ranges:
            return cls([], [], 0)
        codes, _ = pd.factorize(np.concatenate(ids))
        inputs = np.repeat(np.arange(len(ranges)), [i.size for i in ids])
        # People x inputs incidence; its Gram matrix holds every pair's shared people at once.
        incidence = csr_matrix((np.ones(codes.size, np.int64), (codes, inputs)),
                               shape=(int(codes.max()) + 1 if codes.size else 0, len(ranges)))
        common = (incidence.T @ incidence).toarray()
        shared = [{"a": a, "b": b, "shared": int(common[a, b])}
                  for a in range(len(ranges)) for b in range(a + 1, len(ranges)) if common[a, b]]
        every = int(np.count_nonzero(np.asarray(incidence.sum(axis=1)).ravel() == len(ranges)))
        return cls([int(i.size) for i in ids], shared, every)
