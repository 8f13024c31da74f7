"""What the signals found in the values of repetitive columns of earlier batches.

Searching the vocabulary of all categories costs more than looking up a
batch's few distinct exam names or results.  A value seen before is looked up
instead (one vectorised hash lookup per column); only new values are
searched.  At most ``capacity`` values are kept per role.

>>> import pyarrow as pa
>>> from detectors.health.roles import Role
>>> from detectors.health.signals import Signal
>>> sida = Signal("sida", frozenset({Role.TEXT}))
>>> memory = SignalMemory()
>>> values = pa.array(["SIDA", "RAS"], pa.large_string())
>>> memory.learn(Role.TEXT, [sida], values, np.array([[True], [False]]))
>>> found, new = memory.recall(Role.TEXT, [sida], pa.array(["RAS", "VIH", "SIDA"], pa.large_string()))
>>> found[:, 0].tolist(), new.tolist()
([False, False, True], [1])
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .roles import Role
from .signals import Signal


class SignalMemory:
    """Per role and list of signals, the values searched so far and what was found in each."""

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._known: dict[tuple, tuple[pa.Array, np.ndarray]] = {}

    def _entry(self, role: Role, signals: Sequence[Signal]) -> tuple[pa.Array, np.ndarray]:
        return self._known.get((role, tuple(signals)), (
            pa.array([], pa.large_string()), np.zeros((0, len(signals)), dtype=bool)))

    def recall(self, role: Role, signals: Sequence[Signal],
               values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
        """Per value (large strings) and signal, what was found before (False for a new
        value), and the positions of the new values."""
        known, matrix = self._entry(role, signals)
        if not len(known):
            return np.zeros((len(values), len(signals)), dtype=bool), np.arange(len(values))
        at = pc.fill_null(pc.index_in(values, value_set=known), -1).to_numpy(zero_copy_only=False)
        return matrix[np.maximum(at, 0)] & (at >= 0)[:, None], np.flatnonzero(at < 0)

    def learn(self, role: Role, signals: Sequence[Signal], values: pa.Array,
              found: np.ndarray) -> None:
        """Remember ``found`` (per value and signal) for new ``values``, room permitting."""
        known, matrix = self._entry(role, signals)
        room = self.capacity - len(known)
        if room > 0 and len(values):
            self._known[(role, tuple(signals))] = (pa.concat_arrays([known, values.slice(0, room)]),
                                                   np.concatenate([matrix, found[:room]]))
