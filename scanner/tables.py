"""One table of an input as the scan reads it: its columns and their roles,
where its rows sit among the input's records, and the keyed hashes of the
columns that may link its rows to another table's.

A CSV is one table with no name. A dump's tables arrive batch by batch, in
dump order and possibly interleaved, so a table keeps the segments of the
input's record sequence that hold its rows.

>>> import pyarrow as pa
>>> from scanner.keys import ScanKey
>>> t = TableState("prelevements", ["id", "patient_id", "examen"], {})
>>> t.link_columns
['id', 'patient_id']
>>> t.add(pa.record_batch({"id": ["7"], "patient_id": ["1"], "examen": ["VIH"]}), 40, ScanKey.random())
>>> t.records, t.segments, len(t.keys["patient_id"][0])
(1, [(40, 1)], 1)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .keys import ScanKey

# Names of columns that hold row ids or references to them: "id", "patient_id",
# "id_patient", "idPatient", "patientId", "num_patient", "ref_dossier".
KEY_LIKE = re.compile(
    r"^(?:[Ii][Dd]|IPP|ipp)$"
    r"|^[A-Za-z]\w*?(?:_(?:id|ID|Id|ref|REF)|[a-z]Id|[a-z]ID)$"
    r"|^(?:(?:id|ID|Id|num|NUM|ref|REF|no|NO)_|id(?=[A-Z])|ID(?=[A-Z][a-z]))\w+$"
)
LINK_COLUMNS_MAX = 8  # key-like columns kept per table: each costs 8 bytes a row
LINK_DOMAIN = "link"


@dataclass
class TableState:
    """Rows of one table read so far (``segments``: (first record within the input, rows))."""

    name: str | None
    columns: list[str]
    roles: dict[str, str]
    records: int = 0
    segments: list[tuple[int, int]] = field(default_factory=list)
    keys: dict[str, list[np.ndarray]] = field(default_factory=dict)
    link_columns: list[str] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.name is not None and not self.link_columns:
            self.link_columns = [c for c in self.columns if KEY_LIKE.match(c)][:LINK_COLUMNS_MAX]

    def add(self, batch: pa.RecordBatch, first: int, key: ScanKey) -> None:
        """Account for ``batch``, whose first row is record ``first`` of the input."""
        self.segments.append((first, batch.num_rows))
        self.records += batch.num_rows
        names = batch.schema.names
        # Ids written ' 12' in one table and 12 in another are the same id.
        for column in self.link_columns:
            values = batch.column(names.index(column)) if column in names else pa.nulls(batch.num_rows, pa.string())
            self.keys.setdefault(column, []).append(key.hash_strings(pc.utf8_trim_whitespace(values), LINK_DOMAIN))

    def rows(self) -> np.ndarray:
        """Record index within the input of each row of the table, in table order."""
        if not self.segments:
            return np.empty(0, dtype=np.int64)
        return np.concatenate([np.arange(start, start + n, dtype=np.int64) for start, n in self.segments])

    def column_keys(self, column: str) -> np.ndarray:
        """Keyed hash of ``column`` per row, in table order (0 for null or empty)."""
        parts = self.keys.get(column, [])
        return np.concatenate(parts) if parts else np.zeros(self.records, dtype=np.uint64)

    def to_report(self) -> dict:
        by_column = {column: role for role, column in self.roles.items()}
        entry = {"name": self.name, "records": self.records,
                 "columns": [{"name": c, "role": by_column.get(c)} for c in self.columns]}
        if self.links:
            entry["links"] = self.links
        return entry

