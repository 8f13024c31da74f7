"""How many people a leak exposes: records linked through keyed hashes only.

A lab file holds one row per sample, a pharmacy dump one per dispensing: rows
are not people. Each record is reduced, inside its batch, to a fixed
33-byte row of keyed hashes (``_STATE``) plus a shared table of name typo
variants (one entry per distinct name, not per record). ``resolve`` links
records that share keys and counts connected components
(``scipy.sparse.csgraph.connected_components``), three times:

* ``high`` (conservative): exact keys only, so it never merges two people
  unless they share NIR, birth date and first name, or full name, birth date
  and phone/e-mail; it splits every typo, hence counts too many.
* ``estimate``: ``high`` plus the rules below for missing fields, typos and
  swapped columns, each with the veto that keeps families apart.
* ``low`` (aggressive): ``estimate`` plus merges on NIR + birth date alone
  (twins on a parent's NIR become one) and on names + birth date whatever
  the NIR or postcode says.

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

from collections.abc import Callable
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
_STATE = np.dtype([("nir", "u8"), ("birth", "u4"), ("first", "u4"), ("last", "u4"),
                   ("postcode", "u4"), ("phone", "u4"), ("email", "u4"), ("flags", "u1")])
BYTES_PER_RECORD = _STATE.itemsize
_OWN_NIR = 1
_SEX_SHIFT = 1


@dataclass
class Identity:
    """One batch's identity evidence; None = the file has no such column."""

    nir: np.ndarray | None = None
    birth_date: pa.Array | None = None
    first_name: pa.Array | None = None
    last_name: pa.Array | None = None
    full_name: pa.Array | None = None
    sex: pa.Array | None = None
    postcode: pa.Array | None = None
    phone: np.ndarray | None = None
    email: np.ndarray | None = None


@dataclass
class Resolution:
    """People counted in the records: estimate within [low, high], and who is who."""

    estimate: int
    low: int
    high: int
    method: dict
    person: np.ndarray


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
    asks for it and dropped after, so resolve holds the 33-byte state and one
    rule's arrays, not every combination at 8 bytes a record."""

    def __init__(self, state: np.ndarray, variants: np.ndarray) -> None:
        self.state = state
        names, variant = (variants >> np.uint64(32)).astype(np.uint32), (variants & np.uint64(0xFFFFFFFF))
        # A variant shared by no other name can only ever meet its own name,
        # already one record group: keep the entries that can link two names.
        hashes, holders = np.unique(variant, return_counts=True)
        shared = np.isin(variant, hashes[holders > 1])
        self.variant_names, self.variant_hashes = names[shared], variant[shared]

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
    def profile(self) -> np.ndarray:
        """Birth date or first name, either may be missing: what tells a NIR's holders apart."""
        out = _combine(self.birth, self.first)
        out |= np.uint64(1)
        out[(self.birth | self.first) == 0] = 0
        return out

    @property
    def names_any_order(self) -> np.ndarray:
        first, last = self.first, self.last
        return _mix(np.minimum(first, last), np.maximum(first, last), self.birth)

    def typo_edges(self, block: np.ndarray, name: np.ndarray) -> Edges:
        """Link records whose ``name`` is one edit apart inside one ``block``.

        Only blocks holding two or more distinct names are expanded into
        variants, so the work follows the ambiguous records, not the file.
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
        return tuple(np.concatenate(e) for e in zip(*typo, same_name))

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
    why: str
    edges: Callable[[_Columns], list[Edges]]


RULES: tuple[Rule, ...] = (
    Rule("nir_profile", "high",
         "same NIR, same birth date and same first name; records with neither birth date nor first "
         "name link on the NIR among themselves. Twins on a parent's NIR differ by first name, a child "
         "on it by birth date, so neither is merged.",
         lambda c: [_link(np.where(c.nir != 0, _combine(c.nir, c.profile), np.uint64(0)))]),
    Rule("name_birth", "high",
         "same last name, first name and birth date, split where the records carry two different "
         "own NIRs (namesakes born the same day) or two different postcodes.",
         lambda c: [_link(_split(_split(_mix(c.first, c.last, c.birth), c.own_nir), c.postcode))]),
    Rule("contact_first_birth", "high",
         "same phone or e-mail and same first name and birth date: families share a phone or an "
         "address, so a contact never links records alone.",
         lambda c: [_link(_mix(contact, c.first, c.birth)) for contact in (c.state["phone"], c.state["email"])]),
    Rule("nir_missing_fields", "estimate",
         "a record lacking first name, birth date or both joins the NIR (+ birth date, + first name) "
         "group when that group holds one person only; with two candidates it stays apart.",
         lambda c: [_link(_split(c.nir_birth, c.first)), _link(_split(_mix(c.nir, c.first), c.birth)),
                    _link(_split(c.nir, c.profile))]),
    Rule("names_any_order_birth", "estimate",
         "first and last names in either column order + birth date (swapped columns, 'Prénom NOM' "
         "in a full-name column), split where two different own NIRs disagree; postcodes may differ "
         "(people move).",
         lambda c: [_link(_split(c.names_any_order, c.own_nir))]),
    Rule("one_edit_typo", "estimate",
         "a first name one edit from another inside a block of NIR + birth date + sex or birth date + "
         "postcode + last name + sex, and likewise for last names; the block makes a namesake "
         "unlikely, and sex keeps apart a masculine and a feminine first name one letter apart.",
         lambda c: [c.typo_edges(_mix(c.nir_birth, c.sex1), c.first),
                    c.typo_edges(_mix(c.birth, c.postcode, c.last, c.sex1), c.first),
                    c.typo_edges(_mix(c.nir_birth, c.sex1), c.last),
                    c.typo_edges(_mix(c.birth, c.postcode, c.first, c.sex1), c.last)]),
    Rule("nir_birth", "low",
         "same NIR and birth date whatever the first name: merges twins on a parent's NIR.",
         lambda c: [_link(c.nir_birth)]),
    Rule("names_birth_no_veto", "low",
         "names in either order + birth date whatever the NIR or postcode, and one-edit typos "
         "within birth date + the other name, whatever the postcode or sex.",
         lambda c: [_link(c.names_any_order), c.typo_edges(_mix(c.birth, c.last), c.first),
                    c.typo_edges(_mix(c.birth, c.first), c.last)]),
)
_POLICIES = ("high", "estimate", "low")


class PersonIndex:
    """Identity state of every record seen, in order, as keyed hashes only.

    Per record: ``BYTES_PER_RECORD`` (33) bytes. Shared: one 8-byte entry
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
        key = self._key
        state = np.zeros(rows, dtype=_STATE)
        first, last = _names(identity)
        state["first"] = _text_hash(key, first, rows, "name")
        state["last"] = _text_hash(key, last, rows, "name")
        birth = np.zeros(rows, np.int32) if identity.birth_date is None else parse_birth_dates(identity.birth_date)
        state["birth"] = _u32(key.hash_ints(birth, "birth"))
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
        self._chunks.append(state)
        self._add_variants([names for names in (first, last) if names is not None])

    def _add_variants(self, columns: list[pa.Array]) -> None:
        if not columns:
            return
        distinct = pc.unique(pa.chunked_array(columns)).drop_null()
        owner, variants = typo_variants(distinct.to_numpy(zero_copy_only=False))
        if not variants:
            return
        names = _u32(self._key.hash_strings(distinct, "name"))[owner].astype(np.uint64)
        hashed = _u32(self._key.hash_strings(np.array(variants, dtype=object), "variant")).astype(np.uint64)
        self._variants.append(names << np.uint64(32) | hashed)
        # Common names recur in every batch: deduplicate once the table doubles.
        total = sum(len(v) for v in self._variants)
        if total > 2 * self._variants_compacted + 1_000_000:
            self._variants = [_sorted_distinct(self._variants)]
            self._variants_compacted = len(self._variants[0])

    def merge(self, other: "PersonIndex") -> None:
        """Append ``other``'s records after this index's (workers, then one resolve)."""
        self._chunks.extend(other._chunks)
        self._variants.extend(other._variants)

    def resolve(self) -> Resolution:
        """Count people under the three policies; person ids from the estimate."""
        state = np.concatenate(self._chunks) if self._chunks else np.zeros(0, _STATE)
        variants = _sorted_distinct(self._variants)
        columns = _Columns(state, variants)
        usable = (columns.nir != 0) | ((columns.birth != 0) & ((columns.first | columns.last) != 0))
        # Policies are cumulative: each rule's links are folded into the components
        # so far, so only one rule's edges are ever held at once.
        labels = np.arange(usable.size, dtype=np.int32)
        counts, estimate = {}, labels
        for policy in _POLICIES:
            for rule in RULES:
                if rule.policy == policy:
                    labels = _fold(labels, rule.edges(columns))
            counts[policy] = int(np.count_nonzero(np.bincount(labels[usable], minlength=1)))
            if policy == "estimate":
                estimate = labels
        return Resolution(estimate=counts["estimate"], low=counts["low"], high=counts["high"],
                          method=_method(), person=_person_ids(estimate, columns, usable))


def _sorted_distinct(parts: list[np.ndarray]) -> np.ndarray:
    """Sorted distinct values (numpy's hash-based unique is slower on these).

    >>> _sorted_distinct([np.array([3, 1], np.uint64), np.array([3], np.uint64)]).tolist()
    [1, 3]
    """
    values = np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.uint64)
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values


def _fold(labels: np.ndarray, edges: list[Edges]) -> np.ndarray:
    """Component labels once ``edges`` (between records) join the components ``labels``.

    >>> _fold(np.arange(4, dtype=np.int32), [(np.array([0]), np.array([2]))]).tolist()
    [0, 1, 0, 2]
    """
    a = np.concatenate([e[0] for e in edges]) if edges else np.zeros(0, np.int64)
    if a.size == 0:
        return labels
    a, b = labels[a], labels[np.concatenate([e[1] for e in edges])]
    n = int(labels.max()) + 1
    graph = coo_matrix((np.ones(a.size, np.int8), (a, b)), shape=(n, n)).tocsr()
    _, merged = connected_components(graph, directed=False)
    return merged.astype(np.int32)[labels]


def _person_ids(labels: np.ndarray, columns: _Columns, usable: np.ndarray) -> np.ndarray:
    """The smallest record signature in each person: the same id for the
    same records whatever their order, across scans with one key file."""
    signature = _combine(_combine(columns.nir, columns.birth), _combine(columns.first, columns.last))
    smallest = np.full(int(labels.max()) + 1 if labels.size else 0, np.iinfo(np.uint64).max, np.uint64)
    np.minimum.at(smallest, labels, signature)
    return np.where(usable, smallest[labels], np.uint64(0))


def _method() -> dict:
    return {
        "name": "keyed-record-linkage",
        "summary": "connected components of records linked by shared keyed hashes; "
                   "high = exact rules, estimate = + missing fields, typos, swapped names, "
                   "low = + merges on NIR + birth date alone and names + birth date without veto",
        "rules": {policy: [{"name": r.name, "why": r.why} for r in RULES if r.policy == policy]
                  for policy in _POLICIES},
        "parameters": {"typo_edit_distance": 1, "min_typo_length": 4,
                       "hash": "SipHash-2-4 keyed per domain from the scan key",
                       "bytes_per_record": BYTES_PER_RECORD},
    }
