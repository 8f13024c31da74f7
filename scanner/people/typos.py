"""One-edit typos between names, found through shared delete-one variants (SymSpell).

The variant table holds (name hash, variant hash) entries for every distinct
name of the leak (``names.typo_variants``). Within a block of records (say
NIR + birth date + sex), two names that share a variant are one edit apart,
and their records are linked. Only blocks holding two or more distinct names
are expanded into variants, so the work follows the ambiguous records, not
the file.

>>> table = TypoTable.build(np.array([1 << 32 | 7, 2 << 32 | 7, 3 << 32 | 8], np.uint64))
>>> block = np.array([5, 5, 5], np.uint64); name = np.array([1, 2, 3], np.uint32)
>>> a, b = typo_edges(table, block, name); sorted({tuple(sorted((int(x), int(y)))) for x, y in zip(a, b) if x != y})
[(0, 1)]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .hashing import mix
from .linking import Edges, among, group, holds_two, link, maybe_shared, representatives

# Name variants a typo rule expands at once: bounds its peak memory (and keeps
# the expansion in cache), not its result.
VARIANTS_PER_PASS = 500_000


@dataclass
class TypoTable:
    """Variants shared by two names or more (a variant only one name has links
    nothing), sorted by name; ``names`` are the distinct names holding one, each
    with its ``start`` and ``count`` in ``variants``."""

    variants: np.ndarray
    names: np.ndarray
    start: np.ndarray
    count: np.ndarray

    def __post_init__(self) -> None:
        # The names' positions through a hash table: a binary search misses the
        # cache at nearly every step, and rules look up millions of names.
        self._position = pd.Index(self.names)

    @classmethod
    def build(cls, entries: np.ndarray) -> "TypoTable":
        """The table from sorted distinct (name << 32 | variant) entries."""
        name, variant = (entries >> np.uint64(32)).astype(np.uint32), (entries & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        # The repeated variants from one sort of the 32-bit values (an argsort takes
        # three times as long), then each entry looked up among them.
        ordered = np.sort(variant)
        shared = among(variant, ordered[1:][ordered[1:] == ordered[:-1]])
        name, variant = name[shared], variant[shared].astype(np.uint64)
        start = np.flatnonzero(np.r_[True, name[1:] != name[:-1]]) if name.size else np.zeros(0, np.intp)
        return cls(variant, name[start], start, np.diff(np.r_[start, name.size]))

    def lookup(self, names: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(start, count) of each name's variants; count 0 (and any start) for a name without shared ones."""
        if self.names.size == 0:
            return np.zeros(names.size, np.intp), np.zeros(names.size, np.intp)
        at = self._position.get_indexer(names)
        return self.start[at], np.where(at >= 0, self.count[at], 0)


def typo_edges(table: TypoTable, block: np.ndarray, name: np.ndarray, owner: np.ndarray | None = None) -> Edges:
    """Link entries whose ``name`` is one edit apart inside one ``block``.

    Entries are records, or when ``owner`` is given, the records
    ``owner[i]`` (a record may enter several times).
    """
    rows = np.flatnonzero((block != 0) & (name != 0)).astype(np.int32)
    block_code, blocks = group(block[rows])
    name = name[rows]
    inside = holds_two(block_code, blocks, name)
    rows, block_code, name = rows[inside], block_code[inside], name[inside]
    del inside
    # Entries of one (block, name) link to one of them, which stands for them
    # in the typo links; the pair itself is the key (name hash first: uniform top bits).
    pair_code, pairs = group(name.astype(np.uint64) << np.uint64(32) | block_code.astype(np.uint64))
    reps = representatives(pair_code, pairs)
    same_name = rows, rows[reps[pair_code]]
    del pair_code
    rep_block = block_code[reps]
    start, counts = table.lookup(name[reps])
    # Variants of different blocks never link: expanding the blocks a few
    # at a time bounds the memory whatever the number of variants.
    parts = 1 + int(counts.sum()) // VARIANTS_PER_PASS
    part = rep_block % parts
    typo = [_variant_links(table, rep_block[part == p], rows[reps[part == p]], start[part == p], counts[part == p])
            for p in range(parts)]
    edges = tuple(np.concatenate(e) for e in zip(*typo, same_name))
    return edges if owner is None else (owner[edges[0]], owner[edges[1]])


def either_name_typo_edges(table: TypoTable, block: np.ndarray, first: np.ndarray, last: np.ndarray) -> Edges:
    """One-edit typos in either name, the other name (from either column) joining ``block``.

    Each record enters twice, as (block + last name, first name) and
    (block + first name, last name): a record with swapped columns meets
    the others on whichever name is spelt alike, and a typo in the other
    is still found. The agreeing name in the block keeps apart twins on
    one NIR, who share the last name but not the first.
    """
    owner = np.tile(np.arange(block.size, dtype=np.int32), 2)
    blocks = np.concatenate([mix(block, last), mix(block, first)])
    names = np.concatenate([first, last])
    return typo_edges(table, blocks, names, owner)


def both_names_typo_edges(table: TypoTable, block: np.ndarray, first: np.ndarray, last: np.ndarray) -> Edges:
    """One-edit typos in both names at once, in either column order, inside ``block``.

    Each record enters once per shared variant of one name, that variant
    joining ``block``, and the other name is compared one edit apart: two
    records whose last names share a variant and whose first names are one
    edit apart meet (and so do swapped columns, entered the other way round).
    Only blocks holding two distinct first and two distinct last names can
    hold such a pair, so only their records are expanded.

    >>> table = TypoTable.build(np.sort(np.array([n << 32 | v for n, v in
    ...     [(1, 10), (2, 10), (3, 20), (4, 20), (5, 30)]], np.uint64)))
    >>> block = np.array([7, 7, 7], np.uint64)
    >>> first, last = np.array([1, 2, 5], np.uint32), np.array([3, 4, 4], np.uint32)
    >>> a, b = both_names_typo_edges(table, block, first, last)
    >>> sorted({tuple(sorted((int(x), int(y)))) for x, y in zip(a, b) if x != y})
    [(0, 1)]
    """
    rows = np.flatnonzero((block != 0) & (first != 0) & (last != 0)).astype(np.int32)
    code, blocks = group(block[rows])
    rows = rows[holds_two(code, blocks, first[rows]) & holds_two(code, blocks, last[rows])]
    owners, blocks_by_variant, compared = [], [], []
    for joined, other in ((last, first), (first, last)):
        start, count = table.lookup(joined[rows])
        owner = np.repeat(rows, count)
        variant = table.variants[variant_positions(start, count)]
        owners.append(owner)
        blocks_by_variant.append(mix(block[owner], variant))
        compared.append(other[owner])
    return typo_edges(table, np.concatenate(blocks_by_variant), np.concatenate(compared), np.concatenate(owners))


def _variant_links(table: TypoTable, block: np.ndarray, rows: np.ndarray,
                   start: np.ndarray, counts: np.ndarray) -> Edges:
    """Link the records ``rows`` whose names share a variant in one block (numbered
    ``block``); each name's variants are ``counts`` table entries from ``start``."""
    offsets = variant_positions(start, counts)
    # The (variant, block) pair itself rather than a hash of it: the variant
    # hash leads, so the keys' top bits stay uniform for ``group``.
    keys = table.variants[offsets] << np.uint64(32) | np.repeat(block, counts).astype(np.uint64)
    # Most names sharing a variant with this one are in other blocks: most keys occur once.
    kept = maybe_shared(keys)
    return link(keys[kept], np.repeat(rows, counts)[kept])


def variant_positions(start: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Table positions of each name's variants, name after name (``counts`` from ``start``).

    >>> variant_positions(np.array([4, 0]), np.array([2, 1])).tolist()
    [4, 5, 0]
    """
    return np.repeat(start - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
