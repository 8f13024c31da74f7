"""Records linked through equal keys, and the components those links make.

A rule's key (a ``mix`` of keyed hashes, 0 when a field is missing) links
each record to one record holding the same key (``link``); ``split``
refines a key's groups where one holds two people; ``fold`` joins the
components found so far through a rule's links. Only the components count,
so which record of a group the others link to is left to ``representatives``.

>>> labels = fold(np.arange(4, dtype=np.int32), [link(np.array([7, 0, 9, 7], np.uint64))])
>>> labels.tolist()
[0, 1, 2, 0]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .hashing import buckets, combine

Edges = tuple[np.ndarray, np.ndarray]

# Keys hashed into one table at a time: a table this size stays in cache,
# where one table for millions of keys would miss it on nearly every key.
# Below _PARTITION_FROM keys, one table is cheaper than dealing keys out.
_KEYS_PER_TABLE = 1 << 16
_PARTITION_FROM = 1 << 20
# Positions a full-size pass handles at once: its temporaries stay a few MB whatever the records.
CHUNK = 1 << 20


class Groups(NamedTuple):
    """Entries grouped by key: a group number per entry (-1: no key) and the number of groups."""

    codes: np.ndarray
    count: int


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
    # numpy sorts 8- and 16-bit values stably by radix, wider ones by a merge sort 4 times slower.
    narrow = np.uint8 if parts <= 1 << 8 else np.uint16 if parts <= 1 << 16 else part.dtype
    for chunk in spans(part.size):
        values = part[chunk].astype(narrow, copy=False)
        by_part = np.argsort(values, kind="stable")
        held = np.bincount(values, minlength=parts)
        # The i-th position of part p in this chunk goes to free[p] + i: each part's run
        # of sorted positions moves by one offset.
        offset = np.repeat(free - (np.cumsum(held) - held), held)
        offset += np.arange(by_part.size)
        order[offset] = by_part + chunk.start
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


def among(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` is one of ``table``'s, through a hash table: a binary
    search of a sorted table misses the cache at nearly every step.

    >>> among(np.array([3, 5, 7], np.uint64), np.array([7, 3, 7], np.uint64)).tolist()
    [True, False, True]
    """
    return pd.Series(values, copy=False).isin(table).to_numpy()


def maybe_shared(keys: np.ndarray) -> np.ndarray:
    """Per key, whether another may equal it: False where its hash bucket (of four
    to eight per key) holds it alone. Counting per bucket is far cheaper than
    grouping keys of which most occur once and link nothing.

    >>> maybe_shared(np.array([5, 9, 5], np.uint64)).tolist()
    [True, False, True]
    """
    bits = keys.size.bit_length() + 2
    bucket = buckets(keys, bits)
    return np.bincount(bucket, minlength=1 << bits)[bucket] > 1


def representatives(codes: np.ndarray, groups: int) -> np.ndarray:
    """Position of one member of each group: only who links to whom matters, not which member stands for a group.

    >>> representatives(np.array([1, 0, 1]), 2)[1]
    np.int32(2)
    """
    out = np.empty(groups, np.int32)
    out[codes] = np.arange(codes.size, dtype=np.int32)
    return out


def grouped(keys: np.ndarray | Groups) -> Groups:
    """The groups of the non-zero ``keys`` (``keys`` themselves when already grouped).

    >>> grouped(np.array([7, 0, 7], np.uint64)).codes.tolist()
    [0, -1, 0]
    """
    if isinstance(keys, Groups):
        return keys
    present = np.flatnonzero(keys != 0)
    codes = np.full(keys.size, -1, np.int32)
    held, count = group(keys[present])
    codes[present] = held
    return Groups(codes, count)


def link(keys: np.ndarray | Groups, rows: np.ndarray | None = None) -> Edges:
    """Edges from each row (default: position) to a row holding the same non-zero key (or in the same group).

    >>> [e.tolist() for e in link(np.array([7, 0, 7, 9, 7], np.uint64))]
    [[0, 2], [4, 4]]
    """
    codes, count = grouped(keys)
    present = np.flatnonzero(codes >= 0).astype(np.int32)
    rows = present if rows is None else rows[present]
    codes = codes[present]
    # A split leaves groups without entries: only the groups of entries are looked up.
    first = rows[representatives(codes, count)[codes]]
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


def split(keys: np.ndarray | Groups, attr: np.ndarray) -> Groups:
    """The groups of ``keys``, each holding two distinct non-zero ``attr`` split by (key, attr).

    Records lacking the attribute join a group that is unambiguous, and stay
    apart (together) in one that is not: linking them to either side would
    merge two people through them. Only the split groups' entries are
    grouped again: the others keep their group.

    >>> g = np.array([5, 5, 5, 7, 7, 7], np.uint64); a = np.array([1, 0, 1, 1, 2, 0], np.uint64)
    >>> k = split(g, a).codes; bool(k[0] == k[1] == k[2]), len({k[3], k[4], k[5]})
    (True, 3)
    """
    codes, count = grouped(keys)
    present = np.flatnonzero(codes >= 0)
    ambiguous = present[holds_two(codes[present], count, attr[present])]
    if ambiguous.size == 0:
        return Groups(codes, count)
    parts, more = group(combine(codes[ambiguous].astype(np.uint64), attr[ambiguous]))
    codes = codes.copy()
    codes[ambiguous] = parts + count
    return Groups(codes, count + more)


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
    # A label's rank among them from a count over all labels: a search per end would miss the cache.
    rank = np.cumsum(seen, dtype=np.int32)
    del seen
    rank -= 1
    for chunk in spans(ends.size):
        ends[chunk] = rank[ends[chunk]]
    del rank
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
