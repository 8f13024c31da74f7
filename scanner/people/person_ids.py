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
from .linking import group, representatives

# Keys that name one person wherever they are found, strongest first: the
# person's own NIR; both names (either order) + birth date; a NIR shared by a
# family + birth date + first name (a child on a parent's NIR).
IDENTITY_KEYS: tuple[Callable[[Columns], np.ndarray], ...] = (
    lambda c: c.own_nir,
    lambda c: c.names_any_order,
    lambda c: mix(c.nir, c.birth, c.first),
)
# Identity keys, the birth name (only a married person's records carry one),
# the NIR with both names (a record without a birth date), and keys holding
# one name each, so that a typo in the other name on either side of a
# comparison leaves one key in common; compare pairs each person once.
FINGERPRINTS: tuple[Callable[[Columns], np.ndarray], ...] = (
    *IDENTITY_KEYS, lambda c: c.birth_names_any_order, lambda c: mix(c.nir, c.names_pair),
    lambda c: mix(c.birth, c.postcode, c.sex1, c.first),
    lambda c: mix(c.birth, c.postcode, c.sex1, c.last),
    lambda c: mix(c.nir_birth, c.sex1, c.last))
# Weaker keys, only for records that have none of the above: a NIR alone, then every field.
_LAST_RESORT_KEYS: tuple[Callable[[Columns], np.ndarray], ...] = (
    lambda c: c.nir,
    lambda c: c.signature,
)
_NO_TIER = np.uint8(255)


def person_ids(labels: np.ndarray, columns: Columns, usable: np.ndarray) -> np.ndarray:
    """Per record, its person's id (0: identifies no one): the commonest key of the
    strongest kind the person (component ``labels``) has."""
    n = int(labels.max()) + 1 if labels.size else 0
    best = np.full(n, _NO_TIER, np.uint8)
    chosen = np.zeros(labels.size, np.uint64)
    for tier, derive in enumerate((*IDENTITY_KEYS, *_LAST_RESORT_KEYS)):
        key = derive(columns)
        key[~usable] = 0
        has = key != 0
        fresh = has & (best[labels] == _NO_TIER)
        best[labels[fresh]] = tier
        take = has & (best[labels] == tier)
        chosen[take] = key[take]
        del key, has, fresh, take
    ids = commonest(labels, chosen, n)
    del chosen
    ids = _separate_clashes(ids, labels, columns)
    return np.where(usable, ids[labels], np.uint64(0))


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
    number of distinct ids is the estimate.
    """
    values, counts = np.unique(ids[ids != 0], return_counts=True)
    clash = np.isin(ids, values[counts > 1])
    if not clash.any():
        return ids
    rows = np.flatnonzero(clash[labels])
    smallest = np.full(ids.size, np.iinfo(np.uint64).max, np.uint64)
    np.minimum.at(smallest, labels[rows], columns.signature[rows])
    out = ids.copy()
    out[clash] = combine(ids[clash], smallest[clash]) | np.uint64(1)
    return out
