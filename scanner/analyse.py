"""Run every detector over one record batch and gather what the scan keeps.

Identifier detectors see every column (free text included: they prefilter
cheaply themselves); health categories are read from the whole table; the
identity columns feed the person index. Raw values stay inside this call.

>>> import pyarrow as pa
>>> batch = pa.record_batch({"nom": ["Durand"], "tel": ["06 12 34 56 78"], "commentaire": ["VIH négatif"]})
>>> from scanner.keys import ScanKey
>>> r = analyse(batch, {"last_name": "nom", "phone": "tel"}, ScanKey.random())
>>> r.rows, int(r.identifiers["phone"].valid.sum()), bool(r.categories["hiv"][0])
(1, 1, True)
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from detectors import email, health, nir, phone
from detectors.health.compiled import JoinedValues
from detectors._text import encode_repeats
from detectors.hits import IdentifierHits

from .keys import ScanKey
from .people import Identity, PersonChunk, person_chunk

IDENTIFIERS = {"nir": nir, "phone": phone, "email": email}
ANY_IDENTIFIER = "|".join(f"(?:{module.GRAMMAR.prefilter_regex})" for module in IDENTIFIERS.values())
# One bit per category then per identifier kind, kept per record (2 bytes) for people counts.
FLAGS = (*health.CATEGORIES, *IDENTIFIERS)
BIT = {name: np.uint16(1 << i) for i, name in enumerate(FLAGS)}
RAW_ROLES = ("birth_date", "first_name", "last_name", "birth_name", "full_name", "sex", "postcode")


@dataclass
class IdentifierCounts:
    """One identifier kind over a batch: per-row counts summed over columns, keys, samples."""

    valid: np.ndarray
    invalid: np.ndarray
    keys: np.ndarray
    samples: list[str]
    first_key: np.ndarray  # per row, for the person index (0 = none)


@dataclass
class BatchResult:
    rows: int
    identifiers: dict[str, IdentifierCounts]
    categories: dict[str, np.ndarray]
    people: PersonChunk  # keyed hashes only: raw identity values do not leave the worker
    flags: np.ndarray  # uint16 per row, bits in FLAGS order


def _first_keys(hits: list[IdentifierHits], rows: int) -> np.ndarray:
    out = np.zeros(rows, dtype=np.int64)
    for h in (h for h in hits if h.keys.size):  # most columns hold no identifier at all
        empty = out == 0
        if not empty.any():
            break
        out[empty] = h.first_key_per_row()[empty]
    return out


def _identifier_kinds(column: pa.Array) -> frozenset[str]:
    """The identifier kinds whose prefilter matches a value of ``column``.

    One search of the joined values, stopping at the first hit, spares most
    columns (dates, codes, cities) the three detectors, and a search per kind
    spares an identifier column the detectors of the other kinds.

    >>> sorted(_identifier_kinds(pa.array(["06 12 34 56 78", "a@b.fr"]))), _identifier_kinds(pa.array(["12/03/2019"]))
    (['email', 'phone'], frozenset())
    """
    values = JoinedValues(column.dictionary if isinstance(column, pa.DictionaryArray) else column)
    if not values.any_match(ANY_IDENTIFIER, ignore_case=False):
        return frozenset()
    return frozenset(name for name, module in IDENTIFIERS.items()
                     if values.any_match(module.GRAMMAR.prefilter_regex, ignore_case=False))


def _count(module, columns: list[pa.Array | None], names: list[str], rows: int, role_column: str | None) -> IdentifierCounts:
    # A column the gate turned away (None) adds nothing: it is left out of the sums.
    searched = {i: module.find(column) for i, column in enumerate(columns) if column is not None}
    hits = list(searched.values()) or [IdentifierHits.empty(rows)]
    # The identity of a record is taken from its dedicated column when there is one,
    # so a doctor's number in a comment does not become the patient's.
    own = [searched.get(names.index(role_column), IdentifierHits.empty(rows))] if role_column in names else hits
    return IdentifierCounts(
        valid=np.sum([h.valid for h in hits], axis=0, dtype=np.int32),
        invalid=np.sum([h.invalid for h in hits], axis=0, dtype=np.int32),
        keys=np.concatenate([h.keys for h in hits]),
        samples=[s for h in hits for s in h.masked],
        first_key=_first_keys(own, rows),
    )


def analyse(batch: pa.RecordBatch, roles: dict[str, str], key: ScanKey) -> BatchResult:
    """Detect identifiers and categories in ``batch`` and hash its identities with ``key``;
    ``roles`` maps identity roles to columns."""
    rows = batch.num_rows
    columns, names = [encode_repeats(column) for column in batch.columns], batch.schema.names
    kinds = [_identifier_kinds(column) for column in columns]
    counts = {name: _count(module, [column if name in held else None for column, held in zip(columns, kinds)],
                           names, rows, roles.get(name))
              for name, module in IDENTIFIERS.items()}
    categories = health.classify(pa.Table.from_batches([batch]), columns)
    flags = np.zeros(rows, dtype=np.uint16)
    for name, hit in categories.items():
        flags[hit] |= BIT[name]
    for name, c in counts.items():
        flags[c.valid > 0] |= BIT[name]
    identity = Identity(
        nir=counts["nir"].first_key,
        phone=counts["phone"].first_key,
        email=counts["email"].first_key,
        **{role: batch.column(roles[role]) if role in roles else None for role in RAW_ROLES},
    )
    return BatchResult(rows, counts, categories, person_chunk(key, identity, rows), flags)
