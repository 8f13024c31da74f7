"""The per-record person state: one batch's identity columns reduced to keyed hashes.

Runs in the worker that analysed the batch (:func:`person_chunk` is pure), so
raw names, dates and numbers never leave it: each record becomes a fixed
``BYTES_PER_RECORD``-byte row (``STATE``), and the batch's distinct names add
their one-deletion typo variants (one table entry per name and variant, not
per record).

>>> from scanner.keys import ScanKey
>>> chunk = person_chunk(ScanKey(b"k", "key-file"),
...                      Identity(first_name=pa.array(["Jean", "Jean"]), last_name=pa.array(["Dupont", None])), 2)
>>> chunk.state["first"][0] == chunk.state["first"][1] != 0, int(chunk.state["last"][1]), chunk.variants.size
(np.True_, 0, 12)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scanner.dates import parse_birth_dates
from scanner.keys import ScanKey
from scanner.names import normalise_names, on_distinct, sex_codes, split_full_names, typo_variants

from .hashing import u32

# The NIR hash keeps 64 bits because NIR-only records link on it alone (32
# bits would collide thousands of times among millions of NIRs); the other
# fields are only ever compared combined with a second field, where 32 bits
# each leave collisions negligible. flags: bit 0 = the NIR is the person's own
# (agrees with birth date and sex), bits 1-2 = sex (1 M, 2 F). year: birth
# year - YEAR_BASE (0 unknown), kept in clear because a decade is a report
# figure and a year alone identifies no one.
STATE = np.dtype([("nir", "u8"), ("birth", "u4"), ("first", "u4"), ("last", "u4"),
                  ("birth_name", "u4"), ("postcode", "u4"), ("phone", "u4"), ("email", "u4"),
                  ("flags", "u1"), ("year", "u1")])
BYTES_PER_RECORD = STATE.itemsize
OWN_NIR = 1
SEX_SHIFT = 1
YEAR_BASE = 1879  # the year before dates.py's first plausible birth year


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
class PersonChunk:
    """The person state of one batch's records (``STATE`` rows) and its names' typo
    variants, as (name hash << 32 | variant hash) entries."""

    state: np.ndarray
    variants: np.ndarray


def person_chunk(key: ScanKey, identity: Identity, rows: int) -> PersonChunk:
    """Hash one batch's identity columns into per-record state; pure, so a worker can run it.

    >>> chunk = person_chunk(ScanKey(b"k", "key-file"), Identity(nir=np.zeros(2, np.int64)), 2)
    >>> len(chunk.state), chunk.variants.size
    (2, 0)
    """
    state = np.zeros(rows, dtype=STATE)
    first, last = _names(identity)
    state["first"] = _text_hash(key, first, rows, "name")
    state["last"] = _text_hash(key, last, rows, "name")
    birth_name = None if identity.birth_name is None else normalise_names(identity.birth_name)
    state["birth_name"] = _text_hash(key, birth_name, rows, "name")
    birth = np.zeros(rows, np.int32) if identity.birth_date is None else parse_birth_dates(identity.birth_date)
    state["birth"] = u32(key.hash_ints(birth, "birth"))
    state["year"] = np.where(birth > 0, birth // 10000 - YEAR_BASE, 0)
    nir = np.zeros(rows, np.int64) if identity.nir is None else np.asarray(identity.nir, np.int64)
    state["nir"] = key.hash_ints(nir, "nir")
    sex = np.zeros(rows, np.uint8) if identity.sex is None else sex_codes(identity.sex)
    own = nir_agrees(nir, birth, sex)
    # Sex from the person's own NIR when no column gives it.
    sex = np.where((sex == 0) & own, np.where(nir % 10**13 // 10**12 % 2 == 1, 1, 2), sex)
    state["flags"] = own.astype(np.uint8) * OWN_NIR | (sex.astype(np.uint8) << SEX_SHIFT)
    postcodes = None if identity.postcode is None else on_distinct(identity.postcode, _postcodes)
    state["postcode"] = _text_hash(key, postcodes, rows, "postcode")
    state["phone"] = _int_hash(key, identity.phone, rows, "phone")
    state["email"] = _int_hash(key, identity.email, rows, "email")
    return PersonChunk(state, _variants(key, [names for names in (first, last) if names is not None]))


def nir_agrees(nir: np.ndarray, birth: np.ndarray, sex: np.ndarray) -> np.ndarray:
    """Whether each NIR can be its record's own (not an insured parent's).

    A child on a parent's NIR has a birth date whose year (and usually month
    and sex) disagree with it. Months 20-99 are the NIR's "unknown month".

    >>> key = 1 * 10**13 + 1_85_02_75_123_456 % 10**13
    >>> nir_agrees(np.array([key, key, key]), np.array([19850201, 20100201, 19850201]),
    ...            np.array([1, 1, 2], np.uint8)).tolist()
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
    return u32(key.hash_strings(values, domain))


def _int_hash(key: ScanKey, values: np.ndarray | None, rows: int, domain: str) -> np.ndarray:
    if values is None:
        return np.zeros(rows, np.uint32)
    return u32(key.hash_ints(np.asarray(values, np.int64), domain))


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


def _variants(key: ScanKey, columns: list[pa.Array]) -> np.ndarray:
    """(name hash << 32 | variant hash) of every one-deletion variant of the distinct names."""
    if not columns:
        return np.empty(0, np.uint64)
    distinct = pc.unique(pa.chunked_array(columns)).drop_null()
    owner, variants = typo_variants(distinct)
    names = u32(key.hash_strings(distinct, "name"))[owner].astype(np.uint64)
    hashed = u32(key.hash_strings(variants, "variant")).astype(np.uint64)
    return names << np.uint64(32) | hashed
