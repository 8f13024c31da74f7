"""Mergeable counts for one identifier kind across a whole scan.

Distinct values are kept as sorted unique int64 keys (never strings), folded
in whenever enough new keys have arrived, so memory follows the number of
distinct values, not of occurrences.

>>> import numpy as np

>>> t = IdentifierTally()
>>> t.add(np.array([1, 0, 2]), np.array([0, 1, 0]), np.array([5, 7, 5]), ["06 ** ** ** 78"])
>>> t.valid, t.invalid, t.records, t.distinct
(3, 1, 2, 2)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .distinct import sorted_distinct

FOLD_EVERY = 1 << 20
SAMPLES = 5


@dataclass
class IdentifierTally:
    """Occurrences (valid, invalid), records holding one, distinct keys, masked samples."""

    valid: int = 0
    invalid: int = 0
    records: int = 0
    samples: list[str] = field(default_factory=list)
    _unique: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    _pending: list[np.ndarray] = field(default_factory=list)
    _pending_size: int = 0

    def add(self, valid: np.ndarray, invalid: np.ndarray, keys: np.ndarray, samples: list[str]) -> None:
        """Add one batch: per-row valid and invalid counts, the keys of the valid values."""
        self.valid += int(valid.sum())
        self.invalid += int(invalid.sum())
        self.records += int(np.count_nonzero(valid))
        self._add_keys(keys)
        self.samples.extend(samples[: SAMPLES - len(self.samples)])

    def _add_keys(self, keys: np.ndarray) -> None:
        if keys.size:
            self._pending.append(keys.astype(np.int64, copy=False))
            self._pending_size += keys.size
            if self._pending_size >= FOLD_EVERY:
                self._fold()

    def _fold(self) -> None:
        if self._pending:
            self._unique = sorted_distinct([self._unique, *self._pending])
            self._pending, self._pending_size = [], 0

    @property
    def distinct(self) -> int:
        self._fold()
        return int(self._unique.size)
