"""What an identifier detector returns for one Arrow column of one batch.

Raw values never leave a detector: a hit is a per-row count, a 64-bit key used
only to count distinct values inside the scan (never written out) and a
handful of masked samples.

>>> import numpy as np
>>> hits = IdentifierHits.empty(3)
>>> hits.valid.tolist(), hits.keys.size
([0, 0, 0], 0)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class IdentifierHits:
    """Per-row results of one identifier detector over one column.

    valid:    int32 per row, occurrences that are valid identifiers.
    invalid:  int32 per row, occurrences with the full shape but failing the
              check (only NIR fills it: a wrong key).
    keys:     int64, one per valid occurrence, the canonical value as a number
              (NIR body, E.164 digits, email hash) for distinct counting.
    key_rows: int32, the row of each entry of ``keys``.
    masked:   a few masked examples (``2 85 05 ** *** *** 42``), never raw.
    """

    valid: np.ndarray
    invalid: np.ndarray
    keys: np.ndarray
    key_rows: np.ndarray
    masked: list[str] = field(default_factory=list)

    @classmethod
    def empty(cls, rows: int) -> "IdentifierHits":
        """No hit at all in a column of ``rows`` rows."""
        return cls(
            valid=np.zeros(rows, dtype=np.int32),
            invalid=np.zeros(rows, dtype=np.int32),
            keys=np.empty(0, dtype=np.int64),
            key_rows=np.empty(0, dtype=np.int32),
        )

    def first_key_per_row(self) -> np.ndarray:
        """The key of each row's first valid value, or 0 where the row has none.

        >>> h = IdentifierHits.empty(3)
        >>> h.keys = np.array([7, 8, 9]); h.key_rows = np.array([0, 0, 2], dtype=np.int32)
        >>> h.first_key_per_row().tolist()
        [7, 0, 9]
        """
        out = np.zeros(self.valid.size, dtype=np.int64)
        if self.keys.size:
            rows, first = np.unique(self.key_rows, return_index=True)
            out[rows] = self.keys[first]
        return out
