"""How many people a leak exposes: records linked through keyed hashes only.

A lab file holds one row per sample, a pharmacy dump one per dispensing: rows
are not people. Each record is reduced, inside its batch, to a fixed 38-byte
row of keyed hashes plus a shared table of name typo variants
(``record_state``). ``PersonIndex.resolve`` links records that share keys
(``rules``, ``linking``, ``typos``) and counts connected components three
times (``resolution``):

* ``high`` (conservative): exact keys only, so it never merges two people
  unless they share NIR, birth date and first name, or full name, birth date
  and phone/e-mail; it splits every typo, hence counts too many.
* ``estimate``: ``high`` plus the rules for missing fields, typos (in one
  name or both) and swapped columns, each with the veto that keeps families
  apart; then a person known only without a birth date joins the one dated
  person its NIR and names point to (``attach``), never one of two.
* ``low`` (aggressive): ``estimate`` plus merges on NIR + birth date alone
  (twins on a parent's NIR become one), on names + birth date whatever
  the NIR or postcode says, on names within a postcode whatever the birth
  date, and of a record without a birth date into its NIR's holder.

Each policy's links contain the previous one's, so low <= estimate <= high
always; the truth lies between on data whose duplicates differ by one typo,
one missing field or swapped name columns. Person ids come from each
person's strongest key (``person_ids``).

>>> import pyarrow as pa
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

from .index import PersonIndex
from .record_state import BYTES_PER_RECORD, Identity, PersonChunk, person_chunk
from .resolution import Resolution

__all__ = ["BYTES_PER_RECORD", "Identity", "PersonChunk", "PersonIndex", "Resolution", "person_chunk"]
