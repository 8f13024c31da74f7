"""Distinct values of large integer arrays, by sorting.

numpy 2.4's ``np.unique`` without ``return_*`` takes a hash path about 14
times slower than a sort on millions of 64-bit keys (5.4 s against 0.39 s
for 5 M): the scan's distinct counts (identifiers, people per input) go
through here instead.

>>> sorted_distinct([np.array([3, 1], np.uint64), np.array([3], np.uint64)]).tolist()
[1, 3]
>>> count_distinct(np.array([7, 7, 0, 9]))
3
"""
from __future__ import annotations

import numpy as np


def sorted_distinct(parts: list[np.ndarray] | np.ndarray) -> np.ndarray:
    """The distinct values of one array or of several together, sorted."""
    if isinstance(parts, np.ndarray):
        parts = [parts]
    if not parts:
        return np.zeros(0, np.uint64)
    values = np.sort(np.concatenate(parts))
    return values[np.r_[True, values[1:] != values[:-1]]] if values.size else values


def count_distinct(values: np.ndarray) -> int:
    """How many distinct values ``values`` holds."""
    return int(sorted_distinct(values).size)
