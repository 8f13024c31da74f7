"""How many people a leak exposes: records linked through keyed hashes only.

A lab file holds one row per sample, a pharmacy dump one per dispensing: rows
are not people. Each record is reduced, inside its batch, to a fixed
38-byte row of keyed hashes (``_STATE``) plus a shared table of name typo
variants (one entry per distinct name, not per record). ``resolve`` links
records that share keys and counts connected components
(``scipy.sparse.csgraph.connected_components``), three times:

* ``high`` (conservative): exact keys only, so it never merges two people
  unless they share NIR, birth date and first name, or full name, birth date
  and phone/e-mail; it splits every typo, hence counts too many.
* ``estimate``: ``high`` plus the rules below for missing fields, typos and
  swapped columns, each with the veto that keeps families apart.
* ``low`` (aggressive): ``estimate`` plus merges on NIR + birth date alone
  (twins on a parent's NIR become one), on names + birth date whatever
  the NIR or postcode says, on names within a postcode whatever the birth
  date, and of a record without a birth date into its NIR's holder.

Each policy's links contain the previous one's, so low <= estimate <= high
always; the truth lies between on data whose duplicates differ by one typo,
one missing field or swapped name columns. The rules (``RULES``) say each
why they exist.

>>> from scanner.keys import ScanKey
>>> index = PersonIndex(ScanKey(b"test key", "key-file"))
>>> index.add(Identity(first_name=pa.array(["Jean", "jean", "Jeann", "Marie", None]),
...                    last_name=pa.array(["Dupont", "DUPONT", "Dupont", "Dupont", None]),
...                    birth_date=pa.array(["01/02/1985", "1985-02-01", "01/02/1985", "01/02/1985", None]),
...                    postcode=pa.array(["75001"] * 5)), 5)
>>> r = index.resolve()
>>> (r.low, r.estimate, r.high), r.person[4]
((2, 2, 3), np.uint64(0))
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from scanner.dates import parse_birth_dates
from scanner.keys import ScanKey
from scanner.names import normalise_names, sex_codes, split_full_names, typo_variants

# Per record: the NIR hash keeps 64 bits because NIR-only records link on it
# alone (32 bits would collide thousands of times among millions of NIRs);
# the other fields are only ever compared combined with a second field, where
# 32 bits each leave collisions negligible. flags: bit 0 = the NIR is the
# person's own (agrees with birth date and sex), bits 1-2 = sex (1 M, 2 F).
# year: birth year - _YEAR_BASE (0 unknown), kept in clear because a decade
# is a report figure and a year alone identifies no one.
_STATE = np.dtype([("nir", "u8"), ("birth", "u4"), ("first", "u4"), ("last", "u4"),
                   ("birth_name", "u4"), ("postcode", "u4"), ("phone", "u4"), ("email", "u4"),
                   ("flags", "u1"), ("year", "u1")])
BYTES_PER_RECORD = _STATE.itemsize
_OWN_NIR = 1
_SEX_SHIFT = 1
_YEAR_BASE = 1879  # the year before dates.py's first plausible birth year


@dataclass
class Identity:
    """One batch's identity evidence; None = the file has no such column."""

    nir: np.ndarray | None = None
    birth_date: pa.Array | None = None
    first_name: pa.Array | None = None
    last_name: pa.Array | None = None
    birth_name: pa.Array | None = None  # "nom de naissance" beside a married ("usage") last name
    full_name: pa.Array | None = None
    sex: pa.Array | None = None
    postcode: pa.Array | None = None
    phone: np.ndarray | None = None
    email: np.ndarray | None = None


@dataclass
class Resolution:
    """People counted in the records: estimate within [low, high], and who is who.

    ``person`` holds one id per record (0: identifies no one), derived from
    the person's strongest identity key, so the same key file gives the same
    person the same id in two scans; ``by_birth_decade`` splits the estimate.
    """

    estimate: int
    low: int
    high: int
    method: dict
    person: np.ndarray
    by_birth_decade: dict[str, int]


# ---------------------------------------------------------------- hashing
_M1, _M2, _GOLD = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB), np.uint64(0x9E3779B97F4A7C15)


def _fmix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser into a new array: inputs are already keyed hashes,
    so combining them needs spreading, not secrecy.

    Works in place on two buffers rather than one fresh temporary per step:
    on millions of records the allocations cost as much as the arithmetic.

    >>> hex(int(_fmix(np.array([1], np.uint64))[0]))
    '0x5692161d100b05e5'
    """
    shifted = h >> np.uint64(30)
    out = np.bitwise_xor(h, shifted, out=shifted)
    out *= _M1
    shifted = out >> np.uint64(27)
    out ^= shifted
    out *= _M2
    np.right_shift(out, np.uint64(31), out=shifted)
    out ^= shifted
    return out


def _combine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Order-sensitive 64-bit combination, defined for zeros too."""
    with np.errstate(over="ignore"):
        inner = _fmix(np.add(b, _GOLD, dtype=np.uint64))
        inner ^= np.asarray(a, np.uint64)
        return _fmix(inner)


def _mix(*parts: np.ndarray) -> np.ndarray:
    """Combined key of two or more fields; 0 where any of them is missing.

    >>> _mix(np.array([1, 1, 0], np.uint64), np.array([2, 0, 2], np.uint64)).tolist()[1:]
    [0, 0]
    """
    out, present = parts[0], parts[0] != 0
    for part in parts[1:]:
        out = _combine(out, part)
        present &= part != 0
    out |= np.uint64(1)
    out[~present] = 0
    return out


def _u32(h: np.ndarray) -> np.ndarray:
    low = (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    return np.where((h != 0) & (low == 0), np.uint32(1), low)


# ---------------------------------------------------------------- add
def _nir_agrees(nir: np.ndarray, birth: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Whether each NIR can be its record's own (not an insured parent's).

    A child on a parent's NIR has a birth date whose year (and usually month
    and sex) disagree with it. Months 20-99 are the NIR's "unknown month".

    >>> key = 1 * 10**13 + 1_85_02_75_123_456 % 10**13
    >>> _nir_agrees(np.array([key, key, key]), np.array([19850201, 20100201, 19850201]),
    ...             np.array([1, 1, 2], np.uint8)).tolist()
    [True, False, False]
    """
    body = nir % 10**13
    digit = body // 10**12
    nir_sex = np.where(digit % 2 == 1, 1, 2)
    year, month = body % 10**12 // 10**10, body % 10**10 // 10**8
    return ((nir != 0) & (birth != 0) & (year == birth // 10000 % 100)
            & ((month == birth // 100 % 100) | (month > 12) | (month == 0))
            & ((sex == 0) | (sex == nir_sex)))


def _text_hash(key: ScanKey, values: pa.Array | None, rows: int, domain: str) -> np.ndarray:
    if values is None:
        return np.zeros(rows, np.uint32)
    return _u32(key.hash_strings(values, domain))


def _int_hash(key: ScanKey, values: np.ndarray | None, rows: int, domain: str) -> np.ndarray:
    if values is None:
        return np.zeros(rows, np.uint64)
    return key.hash_ints(np.asarray(values, np.int64), domain)


def _postcodes(values: pa.Array) -> pa.Array:
    # Spreadsheets drop the leading zero of "01000"; anything else not
    # five digits is no postcode.
    digits = pc.replace_substring_regex(values.cast(pa.string()), "[^0-9]", "")
    padded = pc.utf8_lpad(digits, 5, "0")
    return pc.if_else(pc.equal(pc.utf8_length(digits), 0), None, padded)


def _names(identity: Identity) -> tuple[pa.Array | None, pa.Array | None]:
    first = None if identity.first_name is None else normalise_names(identity.first_name)
    last = None if identity.last_name is None else normalise_names(identity.last_name)
    if identity.full_name is not None:
        full_last, full_first = split_full_names(identity.full_name)
        first = full_first if first is None else pc.coalesce(first, full_first)
        last = full_last if last is None else pc.coalesce(last, full_last)
    return first, last


# ---------------------------------------------------------------- linking
Edges = tuple[np.ndarray, np.ndarray]


def _any_order(a: np.ndarray, b: np.ndarray, birth: np.ndarray) -> np.ndarray:
    """Key of two names whichever column holds which, + birth date.

    >>> k = _any_order(np.array([3, 5], np.uint32), np.array([5, 3], np.uint32), np.array([9, 9], np.uint32))
    >>> bool(k[0] == k[1] != 0)
    True
    """
    return _mix(np.minimum(a, b), np.maximum(a, b), birth)
# Name variants a typo rule expands at once: bounds its peak memory, not its result.
_VARIANTS_PER_PASS = 2_000_000


def _first_of_each(codes: np.ndarray) -> np.ndarray:
    """Position of each code's first occurrence, for codes numbered by first appearance.

    A code is new where it exceeds every code before it (``pd.factorize``
    order), which avoids sorting millions of keys.

    >>> _first_of_each(np.array([0, 1, 0, 2, 1])).tolist()
    [0, 1, 3]
    """
    if codes.size == 0:
        return codes
    new = np.ones(codes.size, bool)
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return np.flatnonzero(new)


def _link(keys: np.ndarray, rows: np.ndarray | None = None) -> Edges:
    """Edges from each row (default: position) to the first row holding the same non-zero key.

    >>> [e.tolist() for e in _link(np.array([7, 0, 7, 9, 7], np.uint64))]
    [[2, 4], [0, 0]]
    """
    present = np.flatnonzero(keys != 0).astype(np.int32)
    rows = present if rows is None else rows[present]
    codes, _ = pd.factorize(keys[present])
    first = rows[_first_of_each(codes)][codes]
    apart = first != rows
    return rows[apart], first[apart]


def _split(group: np.ndarray, attr: np.ndarray) -> np.ndarray:
    """``group`` where its records carry at most one distinct non-zero ``attr``, else (group, attr).

    Records lacking the attribute join a group that is unambiguous, and stay
    apart (together) in one that is not: linking them to either side would
    merge two people through them.

    >>> g = np.array([5, 5, 5, 7, 7, 7], np.uint64); a = np.array([1, 0, 1, 1, 2, 0], np.uint64)
    >>> k = _split(g, a); bool(k[0] == k[1] == k[2] == 5), len({k[3], k[4], k[5]})
    (True, 3)
    """
    codes, _ = pd.factorize(group)
    pairs = _mix(group, attr)
    distinct = pairs != 0
    pair_codes, _ = pd.factorize(pairs[distinct])
    per_group = np.bincount(codes[distinct][_first_of_each(pair_codes)], minlength=codes.max() + 1 if codes.size else 0)
    del pairs, pair_codes, distinct
    ambiguous = per_group[codes] > 1
    del codes
    out = _combine(group, attr)
    out |= np.uint64(1)
    return np.where(ambiguous & (group != 0), out, group)


class _Columns:
    """The concatenated state; each field or combination is derived when a rule
    asks for it and dropped after, so resolve holds the 38-byte state and one
    rule's arrays, not every combination at 8 bytes a record."""

    def __init__(self, state: np.ndarray, variant_names: np.ndarray, variant_hashes: np.ndarray) -> None:
        self.state = state
        self.variant_names, self.variant_hashes = variant_names, variant_hashes

    @classmethod
    def build(cls, state: np.ndarray, variants: np.ndarray) -> "_Columns":
        """Columns over ``state``, with the typo table of (name << 32 | variant) entries."""
        names, variant = (variants >> np.uint64(32)).astype(np.uint32), (variants & np.uint64(0xFFFFFFFF))
        # A variant shared by no other name can only ever meet its own name,
        # already one record group: keep the entries that can link two names.
        hashes, holders = np.unique(variant, return_counts=True)
        shared = np.isin(variant, hashes[holders > 1])
        return cls(state, names[shared], variant[shared])

    def subset(self, rows: np.ndarray) -> "_Columns":
        """The records ``rows`` only (positions in the subset are indices into ``rows``)."""
        return _Columns(self.state[rows], self.variant_names, self.variant_hashes)

    @property
    def nir(self) -> np.ndarray:
        return self.state["nir"]

    @property
    def birth(self) -> np.ndarray:
        return self.state["birth"]

    @property
    def first(self) -> np.ndarray:
        return self.state["first"]

    @property
    def last(self) -> np.ndarray:
        return self.state["last"]

    @property
    def birth_name(self) -> np.ndarray:
        return self.state["birth_name"]

    @property
    def postcode(self) -> np.ndarray:
        return self.state["postcode"]

    @property
    def sex1(self) -> np.ndarray:
        """Sex + 1: a key part present (non-zero) even when the sex is unknown."""
        return (self.state["flags"] >> np.uint8(_SEX_SHIFT)) + np.uint8(1)

    @property
    def own_nir(self) -> np.ndarray:
        return np.where(self.state["flags"] & _OWN_NIR, self.nir, np.uint64(0))

    @property
    def nir_birth(self) -> np.ndarray:
        return _mix(self.nir, self.birth)

    @property
    def names_pair(self) -> np.ndarray:
        """Both names whichever column holds which, either may be missing; 0 without any."""
        first, last = self.first, self.last
        out = _combine(np.minimum(first, last), np.maximum(first, last))
        out |= np.uint64(1)
        out[(first | last) == 0] = 0
        return out

    @property
    def profile(self) -> np.ndarray:
        """Birth date or first name, either may be missing: what tells a NIR's holders apart."""
        out = _combine(self.birth, self.first)
        out |= np.uint64(1)
        out[(self.birth | self.first) == 0] = 0
        return out

    @property
    def names_any_order(self) -> np.ndarray:
        return _any_order(self.first, self.last, self.birth)

    @property
    def birth_names_any_order(self) -> np.ndarray:
        """First name and birth name in either order + birth date; 0 without a birth name."""
        return _any_order(self.first, self.birth_name, self.birth)

    def birth_name_edges(self) -> list[Edges]:
        """Link a record's (first, birth name, birth date) to others' (first, last name, birth date).

        Each record with a birth name enters the key space twice, under its
        last name and under its birth name, so one link rule covers both.
        """
        married = np.flatnonzero(self.birth_name != 0).astype(np.int32)
        if married.size == 0:
            return []
        rows = np.concatenate([np.arange(self.state.size, dtype=np.int32), married])
        keys = np.concatenate([_mix(self.first, self.last, self.birth),
                               _mix(self.first[married], self.birth_name[married], self.birth[married])])
        return [_link(_split(keys, self.own_nir[rows]), rows)]

    def typo_edges(self, block: np.ndarray, name: np.ndarray, owner: np.ndarray | None = None) -> Edges:
        """Link entries whose ``name`` is one edit apart inside one ``block``.

        Entries are records, or when ``owner`` is given, the records
        ``owner[i]`` (a record may enter several times). Only blocks holding
        two or more distinct names are expanded into variants, so the work
        follows the ambiguous records, not the file.
        """
        rows = np.flatnonzero((block != 0) & (name != 0)).astype(np.int32)
        block, name = block[rows], name[rows]
        pair_code, _ = pd.factorize(_mix(block, name))
        first = _first_of_each(pair_code)
        block_codes, _ = pd.factorize(block[first])
        ambiguous = np.bincount(block_codes)[block_codes] > 1
        del block_codes
        # Rows of one (block, name) link to its first row, which stands for them in the typo links.
        in_ambiguous = ambiguous[pair_code]
        same_name = rows[in_ambiguous], rows[first[pair_code[in_ambiguous]]]
        del pair_code, in_ambiguous
        reps = first[ambiguous]
        start = np.searchsorted(self.variant_names, name[reps], "left")
        counts = np.searchsorted(self.variant_names, name[reps], "right") - start
        # Variants of different blocks never link: expanding the blocks a few
        # at a time bounds the memory whatever the number of variants.
        parts = 1 + int(counts.sum()) // _VARIANTS_PER_PASS
        part = block[reps] % np.uint64(parts)
        typo = [self._variant_links(block, rows, reps[part == p], start[part == p], counts[part == p])
                for p in range(parts)]
        edges = tuple(np.concatenate(e) for e in zip(*typo, same_name))
        return edges if owner is None else (owner[edges[0]], owner[edges[1]])

    def either_name_typo_edges(self, block: np.ndarray) -> Edges:
        """One-edit typos in either name, the other name (from either column) joining ``block``.

        Each record enters twice, as (block + last name, first name) and
        (block + first name, last name): a record with swapped columns meets
        the others on whichever name is spelt alike, and a typo in the other
        is still found. The agreeing name in the block keeps apart twins on
        one NIR, who share the last name but not the first.
        """
        owner = np.tile(np.arange(block.size, dtype=np.int32), 2)
        blocks = np.concatenate([_mix(block, self.last), _mix(block, self.first)])
        names = np.concatenate([self.first, self.last])
        return self.typo_edges(blocks, names, owner)

    def _variant_links(self, block: np.ndarray, rows: np.ndarray, reps: np.ndarray,
                       start: np.ndarray, counts: np.ndarray) -> Edges:
        """Link the ``reps`` (positions in ``block``/``rows``) whose names share a
        variant in one block; each rep's variants are ``counts`` table entries from ``start``."""
        owner = np.repeat(reps.astype(np.int32), counts)
        offsets = np.repeat(start - np.cumsum(counts) + counts, counts) + np.arange(counts.sum())
        return _link(_mix(block[owner], self.variant_hashes[offsets]), rows[owner])


@dataclass(frozen=True)
class Rule:
    """One way two records are judged the same person, and why it is safe."""

    name: str
    policy: str          # the most conservative policy that applies it
    # A state field every key of the rule includes: records that differ on it
    # never link, so the rule can run on one slice of the records at a time.
    within: str
    why: str
    edges: Callable[[_Columns], list[Edges]]


RULES: tuple[Rule, ...] = (
    Rule("nir_profile", "high", "nir",
         "same NIR, same birth date and same first name; records with neither birth date nor first "
         "name link on the NIR among themselves. Twins on a parent's NIR differ by first name, a child "
         "on it by birth date, so neither is merged.",
         lambda c: [_link(np.where(c.nir != 0, _combine(c.nir, c.profile), np.uint64(0)))]),
    Rule("name_birth", "high", "birth",
         "same last name, first name and birth date, split where the records carry two different "
         "own NIRs (namesakes born the same day) or two different postcodes.",
         lambda c: [_link(_split(_split(_mix(c.first, c.last, c.birth), c.own_nir), c.postcode))]),
    Rule("contact_first_birth", "high", "birth",
         "same phone or e-mail and same first name and birth date: families share a phone or an "
         "address, so a contact never links records alone.",
         lambda c: [_link(_mix(contact, c.first, c.birth)) for contact in (c.state["phone"], c.state["email"])]),
    Rule("nir_missing_fields", "estimate", "nir",
         "a record lacking its names, birth date or both joins the NIR (+ birth date, + names in either "
         "order) group when that group holds one person only; with two candidates it stays apart.",
         lambda c: [_link(_split(c.nir_birth, c.names_pair)), _link(_split(_mix(c.nir, c.names_pair), c.birth)),
                    _link(_split(c.nir, c.profile))]),
    Rule("names_any_order_birth", "estimate", "birth",
         "first and last names in either column order + birth date (swapped columns, 'Prénom NOM' "
         "in a full-name column), split where two different own NIRs disagree; postcodes may differ "
         "(people move).",
         lambda c: [_link(_split(c.names_any_order, c.own_nir))]),
    Rule("birth_name", "estimate", "birth",
         "first name + birth date + a last name that is one record's birth name (nom de naissance) and "
         "another's last name: a married person is filed under the married name by one service and "
         "the birth name by another; split where two different own NIRs disagree.",
         lambda c: c.birth_name_edges()),
    Rule("one_edit_typo", "estimate", "birth",
         "a first name one edit from another inside a block of NIR + birth date + sex; a first or last "
         "name one edit from another, in either column, inside a block of NIR + birth date + sex or "
         "birth date + postcode + sex, plus the other name. The block makes a namesake unlikely, sex "
         "keeps apart a masculine and a feminine first name one letter apart, and the other name keeps "
         "apart twins on one NIR, who share the last name.",
         lambda c: [c.typo_edges(_mix(c.nir_birth, c.sex1), c.first),
                    c.either_name_typo_edges(_mix(c.nir_birth, c.sex1)),
                    c.either_name_typo_edges(_mix(c.birth, c.postcode, c.sex1))]),
    Rule("nir_birth", "low", "nir",
         "same NIR and birth date whatever the first name (merges twins on a parent's NIR), and same "
         "NIR and names whatever the birth date (a record without one joins a namesake parent's group).",
         lambda c: [_link(c.nir_birth), _link(_mix(c.nir, c.names_pair))]),
    Rule("names_birth_no_veto", "low", "birth",
         "names in either order + birth date whatever the NIR or postcode; one-edit typos within "
         "birth date + the other name, whatever the postcode or sex; a first name one edit from "
         "another within birth date + postcode + sex whatever the last name (typos in both names).",
         lambda c: [_link(c.names_any_order), c.either_name_typo_edges(c.birth),
                    c.typo_edges(_mix(c.birth, c.postcode, c.sex1), c.first)]),
    Rule("names_postcode", "low", "postcode",
         "names in either order, or one name and a one-edit typo of the other, within one postcode "
         "whatever the birth date: a record missing its birth date, or with a wrong one, still meets "
         "the person's other records (namesakes of one household merge, which low accepts).",
         lambda c: [_link(_mix(c.names_pair, c.postcode)), c.either_name_typo_edges(c.postcode)]),
    Rule("nir_holder", "low", "nir",
         "a record without a birth date joins the records holding the same NIR as their own, whatever "
         "its names (typos in both): the holder is the likeliest person on a NIR.",
         lambda c: [_link(np.where((c.birth == 0) | (c.state["flags"] & _OWN_NIR != 0), c.nir, np.uint64(0)))]),
)
_POLICIES = ("high", "estimate", "low")


@dataclass
class PersonChunk:
    """The person state of one batch's records (``_STATE`` rows) and its names' typo variants."""

    state: np.ndarray
    variants: np.ndarray


def person_chunk(key: ScanKey, identity: Identity, rows: int) -> PersonChunk:
    """Hash one batch's identity columns into per-record state; pure, so a worker can run it.

    >>> chunk = person_chunk(ScanKey(b"k", "key-file"), Identity(nir=np.zeros(2, np.int64)), 2)
    >>> len(chunk.state), chunk.variants.size
    (2, 0)
    """
    state = np.zeros(rows, dtype=_STATE)
    first, last = _names(identity)
    state["first"] = _text_hash(key, first, rows, "name")
    state["last"] = _text_hash(key, last, rows, "name")
    birth_name = None if identity.birth_name is None else normalise_names(identity.birth_name)
    state["birth_name"] = _text_hash(key, birth_name, rows, "name")
    birth = np.zeros(rows, np.int32) if identity.birth_date is None else parse_birth_dates(identity.birth_date)
    state["birth"] = _u32(key.hash_ints(birth, "birth"))
    state["year"] = np.where(birth > 0, birth // 10000 - _YEAR_BASE, 0)
    nir = np.zeros(rows, np.int64) if identity.nir is None else np.asarray(identity.nir, np.int64)
    state["nir"] = key.hash_ints(nir, "nir")
    sex = np.zeros(rows, np.uint8) if identity.sex is None else sex_codes(identity.sex)
    own = _nir_agrees(nir, birth, sex)
    # Sex from the person's own NIR when no column gives it.
    sex = np.where((sex == 0) & own, np.where(nir % 10**13 // 10**12 % 2 == 1, 1, 2), sex)
    state["flags"] = own.astype(np.uint8) * _OWN_NIR | (sex.astype(np.uint8) << _SEX_SHIFT)
    state["postcode"] = _text_hash(key, None if identity.postcode is None else _postcodes(identity.postcode),
                                   rows, "postcode")
    state["phone"] = _u32(_int_hash(key, identity.phone, rows, "phone"))
    state["email"] = _u32(_int_hash(key, identity.email, rows, "email"))
    return PersonChunk(state, _variants(key, [names for names in (first, last) if names is not None]))


def _variants(key: ScanKey, columns: list[pa.Array]) -> np.ndarray:
    """(name hash << 32 | variant hash) of every one-deletion variant of the distinct names."""
    none = np.empty(0, np.uint64)
    if not columns:
        return none
    distinct = pc.unique(pa.chunked_array(columns)).drop_null()
    owner, variants = typo_variants(distinct.to_numpy(zero_copy_only=False))
    if not variants:
        return none
    names = _u32(key.hash_strings(distinct, "name"))[owner].astype(np.uint64)
    hashed = _u32(key.hash_strings(np.array(variants, dtype=object), "variant")).astype(np.uint64)
    return names << np.uint64(32) | hashed


class PersonIndex:
    """Identity state of every record seen, in order, as keyed hashes only.

    Per record: ``BYTES_PER_RECORD`` (38) bytes. Shared: one 8-byte entry
    per (distinct name, delete-one variant), about 9 per distinct name,
    whatever the number of records carrying it.
    """

    def __init__(self, key: ScanKey) -> None:
        self._key = key
        self._chunks: list[np.ndarray] = []
        self._variants: list[np.ndarray] = []
        self._variants_compacted = 0

    @property
    def records(self) -> int:
        return sum(len(chunk) for chunk in self._chunks)

    def add(self, identity: Identity, rows: int) -> None:
        """Append ``rows`` records; only keyed hashes outlive this call."""
        self.append(person_chunk(self._key, identity, rows))

    def append(self, chunk: "PersonChunk") -> None:
        """Append records already hashed (by a worker process, see :func:`person_chunk`)."""
        self._chunks.append(chunk.state)
        if chunk.variants.size:
            self._variants.append(chunk.variants)
            # Common names recur in every batch: deduplicate once the table doubles.
            total = sum(len(v) for v in self._variants)
            if total > 2 * self._variants_compacted + 1_000_000:
                self._variants = [_sorted_distinct(self._variants)]
                self._variants_compacted = len(self._variants[0])

    def merge(self, other: "PersonIndex") -> None:
        """Append ``other``'s records after this index's (workers, then one resolve)."""
        self._chunks.extend(other._chunks)
        self._variants.extend(other._variants)

    def _columns(self) -> _Columns:
        if len(self._chunks) != 1:
            self._chunks = [_concatenate_freeing(self._chunks)]
        return _Columns.build(self._chunks[0], _sorted_distinct(self._variants))

    def resolve(self) -> Resolution:
        """Count people under the three policies; person ids from the estimate."""
        columns = self._columns()
        usable = (columns.nir != 0) | ((columns.birth != 0) & ((columns.first | columns.last) != 0))
        # Policies are cumulative: each rule's links are folded into the components
        # so far, so only one rule's edges are ever held at once.
        labels = np.arange(usable.size, dtype=np.int32)
        counts, estimate = {}, labels
        for policy in _POLICIES:
            for rule in RULES:
                if rule.policy == policy:
                    labels = _fold(labels, _rule_edges(rule, columns))
            counts[policy] = int(np.count_nonzero(np.bincount(labels[usable], minlength=1)))
            if policy == "estimate":
                estimate = labels
        del labels
        return Resolution(estimate=counts["estimate"], low=counts["low"], high=counts["high"],
                          method=_method(), person=_person_ids(estimate, columns, usable),
                          by_birth_decade=_by_birth_decade(estimate, columns.state["year"], usable))

    def fingerprints(self, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(person id, fingerprint) pairs, each once: every identity key of each person's records.

        Two scans made with one key file give the same person the same
        fingerprints wherever one of their records agrees (see
        ``scanner.compare``); ``person`` is ``resolve().person``.
        """
        columns = self._columns()
        ids, prints = [], []
        for derive in _FINGERPRINTS:
            key = derive(columns)
            rows = np.flatnonzero((key != 0) & (person[:key.size] != 0))
            ids.append(person[rows])
            prints.append(key[rows])
        # The id itself too: a person known by a last-resort key (a NIR alone) has no other.
        present = np.unique(person[person != 0])
        ids.append(present)
        prints.append(present)
        pairs = pd.DataFrame({"person": np.concatenate(ids), "fingerprint": np.concatenate(prints)})
        pairs = pairs.drop_duplicates()
        return pairs["person"].to_numpy(), pairs["fingerprint"].to_numpy()


# Keys that name one person wherever they are found, strongest first: the
# person's own NIR; both names (either order) + birth date; a NIR shared by a
# family + birth date + first name (a child on a parent's NIR). A person's id
# is its commonest key of the strongest kind it has, so it depends on the
# person's records, not their order or the file around them.
_IDENTITY_KEYS: tuple[Callable[[_Columns], np.ndarray], ...] = (
    lambda c: c.own_nir,
    lambda c: c.names_any_order,
    lambda c: _mix(c.nir, c.birth, c.first),
)
# Identity keys, the birth name (only a married person's records carry one), and
# keys holding one name each, so that a typo in the other name on either side
# of a comparison leaves one key in common; compare pairs each person once.
_FINGERPRINTS = (*_IDENTITY_KEYS, lambda c: c.birth_names_any_order,
                 lambda c: _mix(c.birth, c.postcode, c.sex1, c.first),
                 lambda c: _mix(c.birth, c.postcode, c.sex1, c.last),
                 lambda c: _mix(c.nir_birth, c.sex1, c.last))
# Weaker keys, only for records that have none of the above: a NIR alone, then every field.
_LAST_RESORT_KEYS: tuple[Callable[[_Columns], np.ndarray], ...] = (
    lambda c: c.nir,
    lambda c: _signature(c),
)
_NO_TIER = np.uint8(255)


def _signature(columns: _Columns) -> np.ndarray:
    out = _combine(_combine(columns.nir, columns.birth), _combine(columns.first, columns.last))
    out |= np.uint64(1)
    return out


def _person_ids(labels: np.ndarray, columns: _Columns, usable: np.ndarray) -> np.ndarray:
    """Per record, its person's id: the commonest key of the strongest kind the person has.

    The same person in two leaks scanned with one key file gets the same id
    as long as both hold a record with that key (own NIR first).
    """
    n = int(labels.max()) + 1 if labels.size else 0
    best = np.full(n, _NO_TIER, np.uint8)
    chosen = np.zeros(labels.size, np.uint64)
    for tier, derive in enumerate((*_IDENTITY_KEYS, *_LAST_RESORT_KEYS)):
        key = derive(columns)
        key[~usable] = 0
        has = key != 0
        fresh = has & (best[labels] == _NO_TIER)
        best[labels[fresh]] = tier
        take = has & (best[labels] == tier)
        chosen[take] = key[take]
        del key, has, fresh, take
    ids = _commonest(labels, chosen, n)
    del chosen
    ids = _separate_clashes(ids, labels, columns)
    return np.where(usable, ids[labels], np.uint64(0))


def _commonest(labels: np.ndarray, keys: np.ndarray, n: int) -> np.ndarray:
    """Per label, its commonest non-zero key (ties: the smallest); 0 for labels with none.

    >>> _commonest(np.array([0, 0, 0, 1, 1]), np.array([5, 7, 7, 9, 3], np.uint64), 2).tolist()
    [7, 3]
    """
    rows = np.flatnonzero(keys != 0)
    codes, _ = pd.factorize(_mix(labels[rows].astype(np.uint64) + np.uint64(1), keys[rows]))
    first = rows[_first_of_each(codes)]
    count = np.bincount(codes)
    del codes, rows
    label, key = labels[first], keys[first]
    order = np.lexsort((key, -count, label))
    label, key = label[order], key[order]
    head = np.r_[True, label[1:] != label[:-1]] if label.size else np.zeros(0, bool)
    out = np.zeros(n, np.uint64)
    out[label[head]] = key[head]
    return out


def _separate_clashes(ids: np.ndarray, labels: np.ndarray, columns: _Columns) -> np.ndarray:
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
    np.minimum.at(smallest, labels[rows], _signature(columns)[rows])
    out = ids.copy()
    out[clash] = _combine(ids[clash], smallest[clash]) | np.uint64(1)
    return out


def _by_birth_decade(labels: np.ndarray, year: np.ndarray, usable: np.ndarray) -> dict[str, int]:
    """People per birth decade (a person's latest year among its records), and "unknown".

    >>> _by_birth_decade(np.array([0, 0, 1, 2]), np.array([106, 0, 0, 111], np.uint8), np.ones(4, bool))
    {'1980': 1, '1990': 1, 'unknown': 1}
    """
    n = int(labels.max()) + 1 if labels.size else 0
    latest = np.zeros(n, np.uint8)
    np.maximum.at(latest, labels[usable], year[usable])
    people = np.bincount(labels[usable], minlength=n) > 0
    years = latest[people].astype(np.int64)
    known = years[years > 0] + _YEAR_BASE
    decades, counts = np.unique(known // 10 * 10, return_counts=True)
    out = {str(d): int(c) for d, c in zip(decades.tolist(), counts.tolist())}
    out["unknown"] = int(np.count_nonzero(years == 0))
    return out


def _sorted_distinct(parts: list[np.ndarray]) -> np.ndarray:
    """Sorted distinct values (numpy's hash-based unique is slower on these).

    >>> _sorted_distinct([np.array([3, 1], np.uint64), np.array([3], np.uint64)]).tolist()
    [1, 3]
    """
    values = np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.uint64)
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values


def _concatenate_freeing(chunks: list[np.ndarray]) -> np.ndarray:
    """The chunks as one array, each released (popped) once copied: peak = result + one chunk.

    >>> parts = [np.arange(2), np.arange(3)]; _concatenate_freeing(parts).tolist(), parts
    ([0, 1, 0, 1, 2], [])
    """
    out = np.empty(sum(len(c) for c in chunks), chunks[0].dtype if chunks else _STATE)
    end = out.size
    while chunks:
        chunk = chunks.pop()
        out[end - len(chunk):end] = chunk
        end -= len(chunk)
    return out


# Records a rule handles at once: bounds the peak memory of its combined keys,
# hash tables and edges, not its result.
_RECORDS_PER_PASS = 4_000_000


def _rule_edges(rule: Rule, columns: _Columns) -> Iterator[Edges]:
    """The rule's edges between records, computed on one slice of the records at a time.

    Slices follow the hash of ``rule.within``, so records that could link
    share a slice; a record lacking that field holds no key of the rule and
    is left out.
    """
    field = columns.state[rule.within]
    slices = 1 + field.size // _RECORDS_PER_PASS
    part = field % field.dtype.type(slices)
    part[field == 0] = slices  # in no slice
    for piece in range(slices):
        rows = np.flatnonzero(part == piece).astype(np.int32)
        for a, b in rule.edges(columns.subset(rows)):
            yield rows[a], rows[b]


def _fold(labels: np.ndarray, edges: Iterable[Edges]) -> np.ndarray:
    """Component labels once ``edges`` (between records) join the components ``labels``.

    Each batch of edges is reduced, as it comes, to those between components
    still apart: later rules mostly confirm earlier links, and their edges
    need not all be held.

    >>> _fold(np.arange(4, dtype=np.int32), [(np.array([0]), np.array([2]))]).tolist()
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


def _method() -> dict:
    return {
        "name": "keyed-record-linkage",
        "summary": "connected components of records linked by shared keyed hashes; "
                   "high = exact rules, estimate = + missing fields, typos, swapped names, "
                   "low = + merges on NIR + birth date alone, names + birth date without veto, names within "
                   "a postcode, a record without birth date into its NIR's holder",
        "rules": {policy: [{"name": r.name, "why": r.why} for r in RULES if r.policy == policy]
                  for policy in _POLICIES},
        "person_id": "the commonest key of the strongest kind among the person's records (own NIR; "
                     "names in either order + birth date; NIR + birth date + first name; NIR; every "
                     "field): the same key file gives the same person the same id in every scan",
        "parameters": {"typo_edit_distance": 1, "min_typo_length": 4,
                       "hash": "SipHash-2-4 keyed per domain from the scan key",
                       "bytes_per_record": BYTES_PER_RECORD},
    }
