"""The scan state: everything a scan accumulates, batch after batch in reading order.

``add`` takes one analysed batch, wherever it was analysed (see
:mod:`scanner.intake`), so one process and several give the same figures.

>>> s = ScanState.new_for_tests()
>>> s.records, s.identifiers["nir"].valid
(0, 0)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from detectors import health

from .analyse import BatchResult, IDENTIFIERS
from .keys import ScanKey
from .people import PersonIndex
from .tally import IdentifierTally


@dataclass
class InputReport:
    """What was read of one input, and what could not be."""

    path: str
    sha256: str = ""
    bytes: int = 0
    format: str = "unknown"
    compression: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header: bool | None = None
    records: int = 0
    malformed: int = 0
    malformed_lines: list[int] = field(default_factory=list)
    undecodable_bytes: int = 0
    undecodable_lines: list[int] = field(default_factory=list)
    tables: list = field(default_factory=list)  # TableState, in the order the input declares them
    foreign_keys: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)  # declared in a dump
    problems: list[str] = field(default_factory=list)
    readable: bool = True
    first_record: int = 0  # ordinal of this input's first record in the whole scan

    @property
    def complete(self) -> bool:
        """Read to its end with nothing lost."""
        return self.readable and not self.problems and not self.malformed and not self.undecodable_bytes


@dataclass
class ScanState:
    key: ScanKey
    inputs: list[InputReport] = field(default_factory=list)
    identifiers: dict[str, IdentifierTally] = field(default_factory=lambda: {n: IdentifierTally() for n in IDENTIFIERS})
    sensitivity: dict[str, int] = field(default_factory=lambda: {c: 0 for c in health.CATEGORIES})
    people: PersonIndex | None = None
    flags: list[np.ndarray] = field(default_factory=list)
    counts: list[np.ndarray] = field(default_factory=list)  # uint8 (rows, 3): nir, phone, email
    records: int = 0

    def __post_init__(self) -> None:
        if self.people is None:
            self.people = PersonIndex(self.key)

    @classmethod
    def new_for_tests(cls) -> "ScanState":
        return cls(ScanKey.random())

    def add(self, result: BatchResult) -> None:
        """Account for one analysed batch (records follow those already added)."""
        for name, counts in result.identifiers.items():
            self.identifiers[name].add(counts.valid, counts.invalid, counts.keys, counts.samples)
        for name, hit in result.categories.items():
            self.sensitivity[name] = self.sensitivity.get(name, 0) + int(np.count_nonzero(hit))
        self.people.append(result.people)
        self.flags.append(result.flags)
        self.counts.append(
            np.stack([np.minimum(result.identifiers[n].valid, 255) for n in IDENTIFIERS], axis=1).astype(np.uint8)
        )
        self.records += result.rows

    def record_flags(self) -> np.ndarray:
        """uint16 flags of every record in order (see ``analyse.FLAGS``)."""
        return np.concatenate(self.flags) if self.flags else np.empty(0, dtype=np.uint16)

    def record_counts(self) -> np.ndarray:
        """uint8 (records, 3) valid NIR, phone and email occurrences per record."""
        return np.concatenate(self.counts) if self.counts else np.empty((0, 3), dtype=np.uint8)
