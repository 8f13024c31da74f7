"""Person ids: one stable id per person, from the person's strongest identity key.

A person's id is the commonest key of the strongest kind its records have,
so it depends on the person's records, not their order or the file around
them; the same key file gives the same person the same id in two scans.

>>> commonest(np.array([0, 0, 0, 1, 1]), np.array([5, 7, 7, 9, 3], np.uint64), 2).tolist()
[7, 3]
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .columns import Columns
from .hashing import combine, mix
from .linking import among, deal, group, representatives, spans
from .rules import RECORDS_PER_PASS

# Keys that name one person wherever they are found, strongest first: the
# person's own NIR; both names (either order) + birth date; a NIR shared by a
# family + birth date + first name (a child on a parent's NIR).
IDENTITY_KEYS: tuple[Callable[[Columns], np.ndarray], ...] = (
    lambda c: c.own_nir,
    lambda c: c.names_any_order,
    lambda c: mix(c.nir, c.birth, c.first),
)
# Weaker keys, only for records that have none of the above: a NIR alone, then every field.
_LAST_RESORT_KEYS: tuple[Callable[[Columns], np.ndarray], ...] = (
    lambda c: c.nir,
    lambda c: c.signature,
)
_NO_TIER = np.uint8(255)


def person_ids(labels: np.ndarray, columns: Columns, usable: np.ndarray) -> np.ndarray:
    """Per record, its person's id (0: identifies no one): the commonest key of the
    strongest kind the person (component ``labels``) has.

    People are handled a slice at a time (labels modulo the number of slices,
    so each slice holds whole people): only one slice's keys are ever held.
    """
    n = int(labels.max()) + 1 if labels.size else 0
    slices = 1 + labels.size // RECORDS_PER_PASS
    if slices == 1:
        ids = _strongest(labels, columns, usable, n)
    else:
        ids = np.zeros(n, np.uint64)
        order, bounds = deal(labels % slices, slices)
        for part, (start, end) in enumerate(zip(bounds[:-1], bounds[1:])):
            rows = order[start:end]
            # Labels of one slice, divided by the number of slices, number its people from 0.
            found = _strongest(labels[rows] // slices, columns.subset(rows), usable[rows], n // slices + 1)
            ids[part::slices] = found[:len(range(part, n, slices))]
        del order
    ids = _separate_clashes(ids, labels, columns)
    person = np.empty(labels.size, np.uint64)
    for chunk in spans(labels.size):
        person[chunk] = np.where(usable[chunk], ids[labels[chunk]], np.uint64(0))
    return person


def _strongest(labels: np.ndarray, columns: Columns, usable: np.ndarray, n: int) -> np.ndarray:
    """Per label (of ``n``), the commonest key of the strongest kind its usable records have."""
    best = np.full(n, _NO_TIER, np.uint8)
    chosen = np.zeros(labels.size, np.uint64)
    # The usable records whose person has no key yet: only theirs of a weaker kind are derived.
    pending = np.flatnonzero(usable)
    for tier, derive in enumerate((*IDENTITY_KEYS, *_LAST_RESORT_KEYS)):
        key = derive(columns.subset(pending))
        has = key != 0
        best[labels[pending[has]]] = tier
        chosen[pending[has]] = key[has]
        pending = pending[best[labels[pending]] == _NO_TIER]
    return commonest(labels, chosen, n)


def commonest(labels: np.ndarray, keys: np.ndarray, n: int) -> np.ndarray:
    """Per label, its commonest non-zero key (ties: the smallest); 0 for labels with none."""
    rows = np.flatnonzero(keys != 0)
    codes, pairs = group(mix(labels[rows].astype(np.uint64) + np.uint64(1), keys[rows]))
    first = rows[representatives(codes, pairs)]
    count = np.bincount(codes, minlength=pairs)
    del codes, rows
    label, key = labels[first], keys[first]
    # Per label the highest count, then the smallest key among those that reach it:
    # two scatters instead of sorting every (label, key) pair.
    top = np.zeros(n, count.dtype)
    np.maximum.at(top, label, count)
    reaches = count == top[label]
    out = np.full(n, np.iinfo(np.uint64).max, np.uint64)
    np.minimum.at(out, label[reaches], key[reaches])
    out[top == 0] = 0
    return out


def _separate_clashes(ids: np.ndarray, labels: np.ndarray, columns: Columns) -> np.ndarray:
    """Give two people who ended up on one id (two clusters, one own NIR) distinct ids.

    The id of each is combined with its smallest record signature, so the
    number of distinct ids is the estimate. ``ids`` (one per label) is changed in place.

    >>> ids = np.array([5, 5, 6], np.uint64); c = Columns({"nir": np.array([1, 2, 3], np.uint64),
    ...     **{f: np.array([1, 1, 1], np.uint32) for f in ("birth", "first", "last")}})
    >>> out = _separate_clashes(ids.copy(), np.array([0, 1, 2], np.int32), c); bool(out[0] != out[1]), int(out[2])
    (True, 6)
    """
    held = ids[ids != 0]
    held.sort()
    shared = held[1:][held[1:] == held[:-1]]
    del held
    if not shared.size:
        return ids
    clash = np.zeros(ids.size, bool)
    for chunk in spans(ids.size):
        clash[chunk] = among(ids[chunk], shared)
    rows = np.flatnonzero(clash[labels])
    smallest = np.full(ids.size, np.iinfo(np.uint64).max, np.uint64)
    # The signature of the clashing people's records only, not of every record.
    np.minimum.at(smallest, labels[rows], columns.subset(rows).signature)
    ids[clash] = combine(ids[clash], smallest[clash]) | np.uint64(1)
    return ids
