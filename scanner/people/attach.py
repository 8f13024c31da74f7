"""Records without a birth date joined to the one person their NIR and names point to.

A record without a birth date cannot be told from a namesake relative on
the same NIR (a father and his son, both Louis), so no key rule may link it
to a dated record through a typo: the typo key would join the father and
the son through it. Once the rules have grouped the dated records, though,
whether its candidates form one person or two is known, and it joins them
only when they form one.

>>> from .columns import Columns
>>> from .typos import TypoTable
>>> c = Columns({"nir": np.array([5, 5, 5, 5], np.uint64), "birth": np.array([1, 2, 0, 0], np.uint32),
...              "first": np.array([3, 4, 3, 4], np.uint32), "last": np.array([8, 8, 8, 8], np.uint32)})
>>> a, b = without_birth_edges(np.array([0, 1, 2, 3], np.int32), c, TypoTable.build(np.zeros(0, np.uint64)))
>>> sorted(zip(a.tolist(), b.tolist()))
[(2, 0), (3, 1)]
"""
from __future__ import annotations

import numpy as np

from scanner.distinct import sorted_distinct

from .columns import Columns
from .hashing import mix
from .linking import Edges, among, deal, group, spans
from .typos import TypoTable, variant_positions


# Records whose name keys are compared at once: each enters with its names
# and every shared typo variant of each (a dozen keys), so this bounds the
# step's peak memory, not its result.
ROWS_PER_PASS = 50_000


def without_birth_edges(labels: np.ndarray, columns: Columns, typos: TypoTable) -> Edges:
    """Join each person known only without a birth date to the single dated person whose
    records share its NIR and its names (exact, swapped, or one of them one edit apart).

    ``labels`` are the components found so far. A component joins only if
    none of its records has a birth date and every candidate of every one
    of its records lies in one component; with two candidates (a father and
    his son on one NIR), it stays apart.
    """
    nir, birth = columns.nir, columns.birth
    rows = _sharing_an_undated_nir(columns)
    if rows.size == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    # A record and its candidates share a NIR, so slices cut by NIR keep them together.
    slices = 1 + rows.size // ROWS_PER_PASS
    order, bounds = deal((nir[rows] % np.uint64(slices)).astype(np.int32), slices)
    found = [_seekers(labels, columns, typos, rows[order[start:end]])
             for start, end in zip(bounds[:-1], bounds[1:])]
    seeker, lowest, highest = (np.concatenate(parts) for parts in zip(*found))
    # Per undated component, over all its records (which may carry several NIRs).
    local, components = group(labels[seeker].astype(np.uint64) + np.uint64(1))
    low = np.full(components, np.iinfo(np.int32).max, np.int64)
    high = np.full(components, -1, np.int64)
    np.minimum.at(low, local, lowest)
    np.maximum.at(high, local, highest)
    has_dated = np.zeros(int(labels.max()) + 1, bool)
    for chunk in spans(labels.size):
        has_dated[labels[chunk][birth[chunk] != 0]] = True
    # One record of the component (its first seeking one) and one of the person it joins.
    source = _first_of(seeker, local, components)
    joins = (low == high) & ~has_dated[labels[source]]
    source, target = source[joins], low[joins]
    dated = rows[birth[rows] != 0]
    by_label = np.argsort(labels[dated], kind="stable")
    at = np.searchsorted(labels[dated][by_label], target)
    return source.astype(np.int32), dated[by_label[at]].astype(np.int32)


def _sharing_an_undated_nir(columns: Columns) -> np.ndarray:
    """The named records with a NIR that some named record without a birth date carries too.

    Records without a birth date are few: their NIRs are looked up chunk by
    chunk, so nothing of the size of the file but one flag per record is held.
    """
    nir, birth = columns.nir, columns.birth
    named = np.zeros(nir.size, bool)
    for chunk in spans(nir.size):
        named[chunk] = (nir[chunk] != 0) & ((columns.first[chunk] | columns.last[chunk]) != 0)
    wanted = sorted_distinct(nir[np.flatnonzero(named & (birth == 0))])
    if wanted.size == 0:
        return np.zeros(0, np.int32)
    for chunk in spans(nir.size):
        named[chunk] &= among(nir[chunk], wanted)
    return np.flatnonzero(named).astype(np.int32)


def _seekers(labels: np.ndarray, columns: Columns, typos: TypoTable,
             rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The undated records among ``rows`` with a dated candidate among them, each with
    the smallest and largest component of its candidates."""
    owner, keys = _name_keys(rows, columns, typos)
    key_code, key_groups = group(keys)
    dated = columns.birth[owner] != 0
    # Per key, the smallest and largest component among its dated records.
    lowest = np.full(key_groups, np.iinfo(np.int32).max, np.int64)
    highest = np.full(key_groups, -1, np.int64)
    np.minimum.at(lowest, key_code[dated], labels[owner[dated]])
    np.maximum.at(highest, key_code[dated], labels[owner[dated]])
    seeking = ~dated & (highest[key_code] >= 0)
    seeker, code = owner[seeking], key_code[seeking]
    local, seekers = group(seeker.astype(np.uint64) + np.uint64(1))
    low = np.full(seekers, np.iinfo(np.int32).max, np.int64)
    high = np.full(seekers, -1, np.int64)
    np.minimum.at(low, local, lowest[code])
    np.maximum.at(high, local, highest[code])
    return _first_of(seeker, local, seekers), low, high


def _first_of(values: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """Per group, the value of its first entry."""
    out = np.empty(groups, values.dtype)
    out[codes[::-1]] = values[::-1]
    return out


def _name_keys(rows: np.ndarray, columns: Columns, typos: TypoTable) -> tuple[np.ndarray, np.ndarray]:
    """(record, key) entries: the NIR with both names in either order, and the NIR with
    one name and each shared typo variant of the other, in either column."""
    nir, first, last = columns.nir[rows], columns.first[rows], columns.last[rows]
    owners = [rows]
    keys = [mix(nir, np.minimum(first, last), np.maximum(first, last))]
    for kept, varied in ((first, last), (last, first)):
        start, count = typos.lookup(varied)
        repeat = np.repeat(np.arange(rows.size), count)
        owners.append(rows[repeat])
        keys.append(mix(nir[repeat], kept[repeat], typos.variants[variant_positions(start, count)]))
    return np.concatenate(owners), np.concatenate(keys)
