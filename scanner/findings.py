"""The findings file: one JSON line per record holding personal or sensitive data.

``person`` is an opaque keyed id (same id = judged the same person), null when
the record identifies no one (a dump's child row carries its parent row's
person, see :mod:`scanner.links`); only counts and category names, no raw values.
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
    """Write the findings lines to ``out``, input by input and table by table; returns how many."""
    flags = state.record_flags()
    counts = state.record_counts()
    written = 0
    for item in state.inputs:
        path = json.dumps(item.path, ensure_ascii=False)
        for table in item.tables:
            at = item.first_record + table.rows()  # record of the scan for each row of the table
            rows = np.flatnonzero((flags[at] != 0) | (person[at] != 0))
            name = json.dumps(table.name, ensure_ascii=False)
            ids = key.opaque(person[at[rows]])
            for row, record, pid in zip(rows.tolist(), at[rows].tolist(), ids):
                cats = json.dumps([n for n, bit in CATEGORY_BITS if flags[record] & bit])
                nir, phone, email = counts[record].tolist()
                pid_json = "null" if not pid else json.dumps(pid)
                out.write(
                    f'{{"input": {path}, "table": {name}, "record": {row}, "categories": {cats}, '
                    f'"person": {pid_json}, "identifiers": {{"nir": {nir}, "phone": {phone}, "email": {email}}}}}\n'
                )
            written += rows.size
    return written
