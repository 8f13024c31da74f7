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

from collections.abc import Iterable, Iterator

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
# Positions a full-size pass handles at once: its temporaries stay a few MB whatever the records.
CHUNK = 1 << 20


def spans(size: int, step: int = CHUNK) -> Iterator[slice]:
    """Consecutive slices of ``step`` positions covering ``size``: a full-size pass, a chunk at a time.

    >>> [(s.start, s.stop) for s in spans(5, 2)]
    [(0, 2), (2, 4), (4, 5)]
    """
    return (slice(start, min(start + step, size)) for start in range(0, size, step))


def deal(part: np.ndarray, parts: int) -> tuple[np.ndarray, list[int]]:
    """Positions sorted by ``part`` (in [0, parts)), each part in ascending order, as int32,
    and the bounds of each part in them.

    What a stable argsort gives, without its 64-bit positions and buffer at
    full size: each chunk's positions are sorted apart and placed after the
    previous chunks' of the same part.

    >>> order, bounds = deal(np.array([1, 0, 1, 0, 2], np.uint16), 3); order.tolist(), bounds
    ([1, 3, 0, 2, 4], [0, 2, 4, 5])
    """
    counts = np.zeros(parts, np.int64)
    for chunk in spans(part.size):
        counts += np.bincount(part[chunk], minlength=parts)
    bounds = np.concatenate([[0], np.cumsum(counts)])
    free = bounds[:-1].copy()
    order = np.empty(part.size, np.int32)
    for chunk in spans(part.size):
        values = part[chunk]
        by_part = np.argsort(values, kind="stable")
        held = np.bincount(values, minlength=parts)
        ranked = values[by_part]
        # The i-th position of part p in this chunk goes to free[p] + i.
        within = np.arange(ranked.size) - (np.cumsum(held) - held)[ranked]
        order[free[ranked] + within] = by_part + chunk.start
        free += held
    return order, bounds.tolist()


def group(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """A group number per key (equal keys, equal numbers; numbering arbitrary) and the number of groups.

    Keys are uniform hashes: their top bits deal them into parts of about
    ``_KEYS_PER_TABLE`` (``deal``), and each part is factorised on its own;
    only one part's keys are ever copied out.

    >>> codes, n = group(np.array([7, 9, 7, 5], np.uint64)); n, bool(codes[0] == codes[2]), len(set(codes.tolist()))
    (3, True, 3)
    """
    if keys.size < _PARTITION_FROM:
        codes, distinct = pd.factorize(keys)
        return codes, len(distinct)
    bits = min(max((keys.size // _KEYS_PER_TABLE).bit_length(), 1), 16)
    order, bounds = deal((keys >> np.uint64(64 - bits)).astype(np.uint16), 1 << bits)
    codes = np.empty(keys.size, np.int32)
    groups = 0
    for start, end in zip(bounds[:-1], bounds[1:]):
        rows = order[start:end]
        part_codes, distinct = pd.factorize(keys[rows])
        codes[rows] = part_codes + groups
        groups += len(distinct)
    return codes, groups


def representatives(codes: np.ndarray, groups: int) -> np.ndarray:
    """Position of one member of each group: only who links to whom matters, not which member stands for a group.

    >>> representatives(np.array([1, 0, 1]), 2)[1]
    np.int32(2)
    """
    out = np.empty(groups, np.int32)
    out[codes] = np.arange(codes.size, dtype=np.int32)
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


def apart(labels: np.ndarray, edges: Iterable[Edges]) -> Edges:
    """The ``edges`` (between records) that join two components of ``labels``, as one pair of
    arrays: later rules mostly confirm earlier links, so few of their edges are ever held.

    >>> [e.tolist() for e in apart(np.array([0, 0, 1], np.int32), [(np.array([0, 1]), np.array([1, 2]))])]
    [[1], [2]]
    """
    sources, targets = [], []
    for a, b in edges:
        keep = labels[a] != labels[b]
        sources.append(a[keep])
        targets.append(b[keep])
    if not sources:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    return np.concatenate(sources), np.concatenate(targets)


def fold(labels: np.ndarray, edges: Iterable[Edges]) -> np.ndarray:
    """Component labels (0 to components - 1) once ``edges`` (between records) join the components ``labels``.

    Each batch of edges is reduced, as it comes, to those between components
    still apart (``apart``). The graph holds only the components those edges
    touch, so it grows with the edges, not the records.

    >>> fold(np.arange(4, dtype=np.int32), [(np.array([0]), np.array([2]))]).tolist()
    [0, 1, 0, 2]
    """
    a, b = apart(labels, edges)
    if a.size == 0:
        return labels
    ends = labels[np.concatenate([a, b])]
    del a, b
    # The labels the edges touch, sorted, and each end renumbered among them.
    n = int(labels.max()) + 1
    seen = np.zeros(n, bool)
    seen[ends] = True
    touched = np.flatnonzero(seen).astype(np.int32)
    del seen
    for chunk in spans(ends.size):
        ends[chunk] = np.searchsorted(touched, ends[chunk])
    half = ends.size // 2
    graph = coo_matrix((np.ones(half, np.int8), (ends[:half], ends[half:])), shape=(touched.size,) * 2).tocsr()
    del ends
    _, component = connected_components(graph, directed=False)
    return _merge(labels, n, touched, component)


def _merge(labels: np.ndarray, n: int, touched: np.ndarray, component: np.ndarray) -> np.ndarray:
    """``labels`` (of ``n``) once the (sorted) labels ``touched`` of one ``component`` are one, renumbered from 0.

    >>> _merge(np.array([0, 1, 2, 3], np.int32), 4, np.array([1, 3]), np.array([0, 0])).tolist()
    [0, 1, 2, 1]
    """
    # Each component is known by its smallest label: touched is sorted, so by its first member.
    first = np.full(int(component.max()) + 1, touched.size)
    np.minimum.at(first, component, np.arange(touched.size))
    root = touched[first[component]]
    kept = np.ones(n, bool)
    kept[touched] = root == touched
    table = np.cumsum(kept, dtype=np.int32)
    table -= 1
    table[touched] = table[root]
    return table[labels]
