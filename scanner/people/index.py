"""The person index: every record's identity state, appended batch by batch, resolved once.

>>> from scanner.keys import ScanKey
>>> index = PersonIndex(ScanKey(b"k", "key-file"))
>>> index.add(Identity(nir=np.array([5, 5, 0])), 3)
>>> index.records, index.resolve().estimate
(3, 1)
"""
from __future__ import annotations

import numpy as np

from scanner.distinct import sorted_distinct
from scanner.keys import ScanKey

from .columns import Columns, gather
from .fingerprints import fingerprints
from .record_state import Identity, PersonChunk, person_chunk
from .resolution import Resolution, resolve
from .typos import TypoTable


class PersonIndex:
    """Identity state of every record seen, in order, as keyed hashes only.

    Per record: ``BYTES_PER_RECORD`` (38) bytes, as appended chunks, then
    one array per field once resolved. Shared: one 8-byte entry per
    (distinct name, delete-one variant), about 9 per distinct name, whatever
    the number of records carrying it.
    """

    def __init__(self, key: ScanKey) -> None:
        self._key = key
        self._chunks: list[np.ndarray] = []
        self._fields: dict[str, np.ndarray] = {}
        self._variants: list[np.ndarray] = []
        self._variants_compacted = 0

    @property
    def records(self) -> int:
        return sum(len(chunk) for chunk in self._chunks) + len(self._fields.get("nir", ()))

    def add(self, identity: Identity, rows: int) -> None:
        """Append ``rows`` records; only keyed hashes outlive this call."""
        self.append(person_chunk(self._key, identity, rows))

    def append(self, chunk: PersonChunk) -> None:
        """Append records already hashed (by a worker process, see :func:`person_chunk`)."""
        self._chunks.append(chunk.state)
        if chunk.variants.size:
            self._variants.append(chunk.variants)
            # Common names recur in every batch: deduplicate once the table doubles.
            total = sum(len(v) for v in self._variants)
            if total > 2 * self._variants_compacted + 1_000_000:
                self._variants = [sorted_distinct(self._variants)]
                self._variants_compacted = len(self._variants[0])

    def merge(self, other: "PersonIndex") -> None:
        """Append ``other``'s records after this index's (workers, then one resolve)."""
        self._chunks.extend(other._chunks)
        self._variants.extend(other._variants)

    def _columns(self) -> Columns:
        if self._chunks or not self._fields:
            added = gather(self._chunks)
            self._fields = {name: np.concatenate([self._fields[name], column]) if self._fields else column
                            for name, column in added.items()}
        return Columns(self._fields)

    def resolve(self, workers: int = 1) -> Resolution:
        """Count people under the three policies, on ``workers`` cores; person ids from the estimate."""
        # Kept compacted: the table's source is then held once, not beside its copy.
        self._variants = [sorted_distinct(self._variants)]
        return resolve(self._columns(), TypoTable.build(self._variants[0]), workers)

    def fingerprints(self, person: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(person id, fingerprint) pairs, each once: every identity key of each person's records.

        Two scans made with one key file give the same person the same
        fingerprints wherever one of their records agrees (see
        ``scanner.compare``); ``person`` is ``resolve().person``.
        """
        return fingerprints(self._columns(), person)
