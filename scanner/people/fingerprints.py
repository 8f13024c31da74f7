"""Every identity key of each person, for comparing two scans made with one key file.

Two scans give the same person the same fingerprints wherever one of their
records agrees (see ``scanner.compare``). A person's pairs repeat only among
its own records, so people are dealt into slices (id modulo the number of
slices) and each slice finds its first occurrences alone: only one slice's
keys are held, and the pairs are then written out once.

>>> c = Columns({"nir": np.array([5, 5, 0], np.uint64), "flags": np.array([1, 1, 0], np.uint8),
...              **{f: np.zeros(3, np.uint32) for f in ("birth", "first", "last", "birth_name", "postcode")}})
>>> [a.tolist() for a in fingerprints(c, np.array([9, 9, 0], np.uint64))]
[[9, 9], [5, 9]]
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from scanner.distinct import sorted_distinct

from .columns import Columns
from .hashing import mix
from .linking import deal, spans
from .person_ids import IDENTITY_KEYS
from .rules import RECORDS_PER_PASS

# Identity keys, the birth name (only a married person's records carry one),
# the NIR with both names (a record without a birth date), and keys holding
# one name each, so that a typo in the other name on either side of a
# comparison leaves one key in common; compare pairs each person once.
FINGERPRINTS: tuple[Callable[[Columns], np.ndarray], ...] = (
    *IDENTITY_KEYS, lambda c: c.birth_names_any_order, lambda c: mix(c.nir, c.names_pair),
    lambda c: mix(c.birth, c.postcode, c.sex1, c.first),
    lambda c: mix(c.birth, c.postcode, c.sex1, c.last),
    lambda c: mix(c.nir_birth, c.sex1, c.last))


def fingerprints(columns: Columns, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(person id, fingerprint) pairs, each once, of the records' ``person`` ids (0: no one):
    each fingerprint's pairs in record order, then each id paired with itself (a person
    known by a last-resort key, a NIR alone, has no other), in id order."""
    first, own = _first_pairs(columns, person)
    total = sum(int(np.count_nonzero(first & np.uint8(1 << d))) for d in range(len(FINGERPRINTS)))
    ids = np.empty(total + own.size, np.uint64)
    prints = np.empty_like(ids)
    at = 0
    for bit, derive in enumerate(FINGERPRINTS):
        for chunk in spans(len(columns)):
            rows = np.flatnonzero(first[chunk] & np.uint8(1 << bit)) + chunk.start
            ids[at:at + rows.size] = person[rows]
            prints[at:at + rows.size] = derive(columns.subset(rows))
            at += rows.size
    ids[at:] = prints[at:] = own
    return ids, prints


def _first_pairs(columns: Columns, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per record, bit d set where its pair of ``FINGERPRINTS[d]`` is that pair's first
    occurrence (fingerprint by fingerprint, record by record); and the ids, sorted, whose
    (id, id) pair no fingerprint already gave."""
    slices = 1 + len(columns) // RECORDS_PER_PASS
    part = (person % np.uint64(slices)).astype(np.int32)
    part[person == 0] = slices  # in no slice
    order, bounds = deal(part, slices + 1)
    del part
    first = np.zeros(len(columns), np.uint8)
    own = []
    for start, end in zip(bounds[:-2], bounds[1:-1]):
        rows = order[start:end]
        ids, subset = person[rows], columns.subset(rows)
        keys = [derive(subset) for derive in FINGERPRINTS]
        held = [np.flatnonzero(key) for key in keys]
        pairs = pd.DataFrame({"person": np.concatenate([ids[h] for h in held]),
                              "fingerprint": np.concatenate([key[h] for key, h in zip(keys, held)])})
        new = ~pairs.duplicated().to_numpy()
        ends = np.cumsum([h.size for h in held])
        for bit, (h, kept) in enumerate(zip(held, np.split(new, ends[:-1]))):
            first[rows[h[kept]]] |= np.uint8(1 << bit)
        given = pairs["person"].to_numpy()[(pairs["person"] == pairs["fingerprint"]).to_numpy()]
        people = sorted_distinct(ids)
        own.append(people[~np.isin(people, given)])
    return first, np.sort(np.concatenate(own)) if own else np.zeros(0, np.uint64)
