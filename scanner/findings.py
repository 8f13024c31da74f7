"""The findings file: one JSON line per record holding personal or sensitive data.

``person`` is an opaque keyed id (same id = judged the same person), null when
the record identifies no one; only counts and category names, no raw values.
"""
from __future__ import annotations

import json
from typing import TextIO

import numpy as np

from detectors import health

from .analyse import BIT
from .keys import ScanKey
from .state import ScanState

CATEGORY_BITS = [(name, BIT[name]) for name in health.CATEGORIES]


def write(out: TextIO, state: ScanState, person: np.ndarray, key: ScanKey) -> int:
    """Write the findings lines to ``out``; returns how many were written."""
    flags = state.record_flags()
    counts = state.record_counts()
    written = 0
    for item in state.inputs:
        start, stop = item.first_record, item.first_record + item.records
        rows = np.flatnonzero((flags[start:stop] != 0) | (person[start:stop] != 0))
        ids = key.opaque(person[start + rows])
        path = json.dumps(item.path, ensure_ascii=False)
        for row, pid in zip(rows.tolist(), ids):
            at = start + row
            cats = json.dumps([n for n, bit in CATEGORY_BITS if flags[at] & bit])
            nir, phone, email = counts[at].tolist()
            pid_json = "null" if person[at] == 0 else json.dumps(pid)
            out.write(
                f'{{"input": {path}, "table": null, "record": {row}, "categories": {cats}, '
                f'"person": {pid_json}, "identifiers": {{"nir": {nir}, "phone": {phone}, "email": {email}}}}}\n'
            )
        written += rows.size
    return written
