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

from .columns import Columns
from .hashing import mix
from .linking import Edges, group, holds_two
from .typos import TypoTable, variant_positions


def without_birth_edges(labels: np.ndarray, columns: Columns, typos: TypoTable) -> Edges:
    """Join each person known only without a birth date to the single dated person whose
    records share its NIR and its names (exact, swapped, or one of them one edit apart).

    ``labels`` are the components found so far. A component joins only if
    none of its records has a birth date and every candidate of every one
    of its records lies in one component; with two candidates (a father and
    his son on one NIR), it stays apart.
    """
    nir, birth = columns.nir, columns.birth
    named = (nir != 0) & ((columns.first | columns.last) != 0)
    rows = np.flatnonzero(named).astype(np.int32)
    dated = birth[rows] != 0
    # Only NIRs carried by both a dated and an undated record can attach anything.
    code, groups = group(nir[rows])
    both = holds_two(code, groups, dated.astype(np.uint8) + np.uint8(1))
    rows, dated = rows[both], dated[both]
    if rows.size == 0:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    owner, keys = _name_keys(rows, columns, typos)
    key_code, key_groups = group(keys)
    owner_dated = birth[owner] != 0
    # Per key, the smallest and largest component among its dated records.
    lowest = np.full(key_groups, np.iinfo(np.int32).max, np.int64)
    highest = np.full(key_groups, -1, np.int64)
    np.minimum.at(lowest, key_code[owner_dated], labels[owner[owner_dated]])
    np.maximum.at(highest, key_code[owner_dated], labels[owner[owner_dated]])
    # Per undated component, the same over all its records' keys.
    seeking = ~owner_dated & (highest[key_code] >= 0)
    seeker_label = labels[owner[seeking]]
    local, seekers = group(seeker_label.astype(np.uint64) + np.uint64(1))
    low = np.full(seekers, np.iinfo(np.int32).max, np.int64)
    high = np.full(seekers, -1, np.int64)
    np.minimum.at(low, local, lowest[key_code[seeking]])
    np.maximum.at(high, local, highest[key_code[seeking]])
    has_dated = np.zeros(int(labels.max()) + 1, bool)
    has_dated[labels[birth != 0]] = True
    joins = (low == high) & ~has_dated[_first_of(seeker_label, local, seekers)]
    # One record of the component (the first seeking one) and one of the person it joins.
    source = _first_of(owner[seeking], local, seekers)[joins]
    target_label = low[joins]
    dated_rows = rows[dated]
    by_label = np.argsort(labels[dated_rows], kind="stable")
    at = np.searchsorted(labels[dated_rows][by_label], target_label)
    return source.astype(np.int32), dated_rows[by_label[at]].astype(np.int32)


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
