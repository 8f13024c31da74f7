"""Records linked through equal keys, and the components those links make.

A rule's key (a ``mix`` of keyed hashes, 0 when a field is missing) links
each record to one record holding the same key (``link``); ``split``
refines a key where its group holds two people; ``fold`` joins the
components found so far through a rule's links. Only the components count,
so which record of a group the others link to is left to ``representatives``.

>>> labels = fold(np.arange(4, dtype=np.int32), [link(np.array([7, 0, 9, 7], np.uint64))])
>>> labels.tolist()
[0, 1, 2, 0]
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .hashing import combine

Edges = tuple[np.ndarray, np.ndarray]

# Keys hashed into one table at a time: a table this size stays in cache,
# where one table for millions of keys would miss it on nearly every key.
# Below _PARTITION_FROM keys, one table is cheaper than dealing keys out.
_KEYS_PER_TABLE = 1 << 16
_PARTITION_FROM = 1 << 20


def group(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """A group number per key (equal keys, equal numbers; numbering arbitrary) and the number of groups.

    Keys are uniform hashes: their top bits deal them into parts of about
    ``_KEYS_PER_TABLE`` (a stable radix sort of 16-bit part numbers), and
    each part is factorised on its own.

    >>> codes, n = group(np.array([7, 9, 7, 5], np.uint64)); n, bool(codes[0] == codes[2]), len(set(codes.tolist()))
    (3, True, 3)
    """
    if keys.size < _PARTITION_FROM:
        codes, distinct = pd.factorize(keys)
        return codes, len(distinct)
    bits = min(max((keys.size // _KEYS_PER_TABLE).bit_length(), 1), 16)
    part = (keys >> np.uint64(64 - bits)).astype(np.uint16)
    order = np.argsort(part, kind="stable")
    bounds = np.searchsorted(part[order], np.arange((1 << bits) + 1))
    sorted_keys = keys[order]
    codes = np.empty(keys.size, np.intp)
    groups = 0
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        part_codes, distinct = pd.factorize(sorted_keys[start:end])
        codes[order[start:end]] = part_codes + groups
        groups += len(distinct)
    return codes, groups


def representatives(codes: np.ndarray, groups: int) -> np.ndarray:
    """Position of one member of each group: only who links to whom matters, not which member stands for a group.

    >>> representatives(np.array([1, 0, 1]), 2)[1]
    np.int64(2)
    """
    out = np.empty(groups, np.intp)
    out[codes] = np.arange(codes.size)
    return out


def link(keys: np.ndarray, rows: np.ndarray | None = None) -> Edges:
    """Edges from each row (default: position) to a row holding the same non-zero key.

    >>> [e.tolist() for e in link(np.array([7, 0, 7, 9, 7], np.uint64))]
    [[0, 2], [4, 4]]
    """
    present = np.flatnonzero(keys != 0).astype(np.int32)
    rows = present if rows is None else rows[present]
    codes, groups = group(keys[present])
    first = rows[representatives(codes, groups)][codes]
    apart = first != rows
    return rows[apart], first[apart]


def holds_two(codes: np.ndarray, groups: int, attr: np.ndarray) -> np.ndarray:
    """Per entry, whether its group (``codes``, of ``groups``) holds two distinct non-zero ``attr``.

    Two distinct values in a group <=> its smallest and largest differ: two
    scatters, far cheaper than hashing every (group, attr) pair.

    >>> holds_two(np.array([0, 0, 0, 1, 1]), 2, np.array([4, 0, 5, 4, 4], np.uint32)).tolist()
    [True, True, True, False, False]
    """
    held = np.flatnonzero(attr != 0)
    smallest = np.full(groups, np.iinfo(attr.dtype).max, attr.dtype)
    largest = np.zeros(groups, attr.dtype)
    np.minimum.at(smallest, codes[held], attr[held])
    np.maximum.at(largest, codes[held], attr[held])
    return (smallest < largest)[codes]


def split(keys: np.ndarray, attr: np.ndarray) -> np.ndarray:
    """``keys`` where its records carry at most one distinct non-zero ``attr``, else (key, attr).

    Records lacking the attribute join a group that is unambiguous, and stay
    apart (together) in one that is not: linking them to either side would
    merge two people through them.

    >>> g = np.array([5, 5, 5, 7, 7, 7], np.uint64); a = np.array([1, 0, 1, 1, 2, 0], np.uint64)
    >>> k = split(g, a); bool(k[0] == k[1] == k[2] == 5), len({k[3], k[4], k[5]})
    (True, 3)
    """
    ambiguous = holds_two(*group(keys), attr)
    out = combine(keys, attr)
    out |= np.uint64(1)
    return np.where(ambiguous & (keys != 0), out, keys)


def fold(labels: np.ndarray, edges: Iterable[Edges]) -> np.ndarray:
    """Component labels once ``edges`` (between records) join the components ``labels``.

    Each batch of edges is reduced, as it comes, to those between components
    still apart: later rules mostly confirm earlier links, and their edges
    need not all be held.

    >>> fold(np.arange(4, dtype=np.int32), [(np.array([0]), np.array([2]))]).tolist()
    [0, 1, 0, 2]
    """
    sources, targets = [], []
    for a, b in edges:
        a, b = labels[a], labels[b]
        apart = a != b
        sources.append(a[apart])
        targets.append(b[apart])
    a = np.concatenate(sources) if sources else np.zeros(0, np.int32)
    if a.size == 0:
        return labels
    b = np.concatenate(targets)
    del sources, targets
    n = int(labels.max()) + 1
    graph = coo_matrix((np.ones(a.size, np.int8), (a, b)), shape=(n, n)).tocsr()
    _, merged = connected_components(graph, directed=False)
    return merged.astype(np.int32)[labels]
